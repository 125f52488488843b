namespace Seedance.Journal
{
    /// <summary>Credits spent by a group of journaled submissions.</summary>
    public sealed class CreditUsage
    {
        internal CreditUsage(CreditUsageGrouping groupBy, string group)
        {
            GroupBy = groupBy;
            Group = group;
        }

        /// <summary>How the report was grouped.</summary>
        public CreditUsageGrouping GroupBy { get; }

        /// <summary>The group's value (a day as yyyy-MM-dd, a tier, a resolution, a channel, an endpoint, or <c>Total</c>).</summary>
        public string Group { get; }

        /// <summary>Submissions in the group.</summary>
        public int Tasks { get; internal set; }

        /// <summary>Submissions whose response never arrived: their charge is not known until they are recovered.</summary>
        public int Unconfirmed { get; internal set; }

        /// <summary>Credits charged on submit.</summary>
        public decimal CreditsUsed { get; internal set; }

        /// <summary>Credits given back (failed tasks).</summary>
        public decimal CreditsRefunded { get; internal set; }

        /// <summary>Used minus refunded.</summary>
        public decimal CreditsNet => CreditsUsed - CreditsRefunded;
    }
}
