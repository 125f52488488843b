using System;
using System.Linq;
using System.Text;
using Seedance.Client.Journal;
using Seedance.Journal;
using Xunit;

namespace Seedance.Client.Tests.Journal
{
    public sealed class CreditUsageReportTests
    {
        private static readonly Uri Sandbox = new("http://127.0.0.1:5080/");

        [Fact]
        public void Credits_are_totalled_per_resolution_with_refunds_netted_and_defaults_from_the_body()
        {
            using var temp = new TemporaryJournal();
            Submit(temp.Journal, "k1", "{\"prompt\":\"one\",\"resolution\":\"1080p\"}", "sd2_1", 60, TaskStatuses.Completed, 0);
            Submit(temp.Journal, "k2", "{\"prompt\":\"two\",\"resolution\":\"1080p\"}", "sd2_2", 60, TaskStatuses.Failed, 60);
            Submit(temp.Journal, "k3", "{\"prompt\":\"three\"}", "sd2_3", 30, TaskStatuses.Completed, 0);
            temp.Journal.Submitting("k4", Encoding.UTF8.GetBytes("{\"prompt\":\"four\"}"), Sandbox, DateTimeOffset.UtcNow);

            var rows = CreditUsageReport.Compute(temp.Journal.Read().Entries, CreditUsageGrouping.Resolution);

            Assert.Equal(new[] { "1080p", "720p" }, rows.Select(r => r.Group));
            Assert.Equal((2, 120m, 60m, 60m), (rows[0].Tasks, rows[0].CreditsUsed, rows[0].CreditsRefunded, rows[0].CreditsNet));
            Assert.Equal((2, 1, 30m), (rows[1].Tasks, rows[1].Unconfirmed, rows[1].CreditsNet));
        }

        [Fact]
        public void Since_leaves_out_older_submissions()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("old", Encoding.UTF8.GetBytes("{\"prompt\":\"old\"}"), Sandbox, DateTimeOffset.UtcNow.AddDays(-3));
            temp.Journal.Submitted("old", new SeedanceTask { Id = "sd2_old", CreditsUsed = 30 });
            Submit(temp.Journal, "new", "{\"prompt\":\"new\"}", "sd2_new", 45, TaskStatuses.Processing, null);

            var total = Assert.Single(CreditUsageReport.Compute(temp.Journal.Read().Entries, CreditUsageGrouping.None, DateTimeOffset.UtcNow.AddDays(-1)));

            Assert.Equal((CreditUsageReport.TotalGroup, 1, 45m), (total.Group, total.Tasks, total.CreditsUsed));
        }

        private static void Submit(TaskJournal journal, string key, string body, string id, decimal used, string status, decimal? refunded)
        {
            journal.Submitting(key, Encoding.UTF8.GetBytes(body), Sandbox, DateTimeOffset.UtcNow);
            journal.Submitted(key, new SeedanceTask { Id = id, CreditsUsed = used, QualityTier = "standard", Channel = "standard" });
            journal.Observed(new SeedanceTask { Id = id, Status = status, CreditsUsed = used, CreditsRefunded = refunded });
        }
    }
}
