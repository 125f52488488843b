namespace Seedance.Journal
{
    /// <summary>How <see cref="Client.Journal.CreditUsageReport"/> groups the journal's credits.</summary>
    public enum CreditUsageGrouping
    {
        /// <summary>One total line.</summary>
        None,

        /// <summary>By the local calendar day of submission.</summary>
        Day,

        /// <summary>By quality tier (mini, standard, pro).</summary>
        QualityTier,

        /// <summary>By resolution asked for (from the stored body).</summary>
        Resolution,

        /// <summary>By channel (standard, real, wild).</summary>
        Channel,

        /// <summary>By the API address the submission went to (the real API, a sandbox): every endpoint is counted.</summary>
        Endpoint,
    }
}
