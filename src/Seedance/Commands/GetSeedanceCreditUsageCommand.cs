using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client;

namespace Seedance.Commands
{
    /// <summary>Totals the credits used, refunded and net of the submissions in this machine's journal.</summary>
    [Cmdlet(VerbsCommon.Get, "SeedanceCreditUsage")]
    [OutputType(typeof(CreditUsage))]
    public sealed class GetSeedanceCreditUsageCommand : SeedanceCmdlet
    {
        /// <summary>
        /// One line per day, quality tier, resolution, channel or endpoint; one total line when omitted. Without
        /// Endpoint, only the submissions made on the configured base URI count (a sandbox's never add to the real spend).
        /// </summary>
        [Parameter(Position = 0)]
        public CreditUsageGrouping GroupBy { get; set; } = CreditUsageGrouping.None;

        /// <summary>Only submissions made at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            var journal = RequireJournal();

            var snapshot = ReadJournal(journal);

            DateTimeOffset? since = Since is { } value ? new DateTimeOffset(value) : null;
            Uri? endpoint = null;
            if (GroupBy != CreditUsageGrouping.Endpoint)
            {
                endpoint = Configuration.BaseUri;
                WriteVerbose($"Counting the submissions made on {SeedanceClientOptions.EndpointOf(endpoint)}; -GroupBy Endpoint counts every endpoint.");
            }

            foreach (var usage in CreditUsageReport.Compute(snapshot.Entries, GroupBy, since, endpoint))
            {
                WriteObject(usage);
            }
        }
    }
}
