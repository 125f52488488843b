using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>Tasks carry the endpoint they were made on, never with the user info a base URI may hold.</summary>
    public sealed class EndpointTests
    {
        private static readonly Uri Real = new("https://seedance2ai.io/");
        private static readonly Uri Sandbox = new("http://127.0.0.1:5080/");

        [Fact]
        public async Task Tasks_and_the_journal_carry_the_endpoint_without_the_base_uris_user_info()
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();
            var withUserInfo = new UriBuilder(session.Host.BaseUri) { UserName = "someone", Password = "hunter2" }.Uri;
            var client = session.Client(o => { o.BaseUri = withUserInfo; o.Journal = temp.Journal; });

            var submitted = await client.SubmitAsync(new VideoRequest { Prompt = "A heron in the reeds" });
            var read = await client.GetTaskAsync(submitted.Id);

            Assert.Equal(session.Host.BaseUri, submitted.Endpoint);
            Assert.Equal(session.Host.BaseUri, read.Endpoint);
            Assert.Equal(session.Host.BaseUri, Assert.Single(temp.Journal.Read().Entries).ToTask().Endpoint);
            var text = File.ReadAllText(temp.FilePath);
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("someone", text, StringComparison.Ordinal);
        }

        [Fact]
        public void A_journal_that_kept_user_info_in_a_base_uri_shows_it_no_further()
        {
            using var temp = new TemporaryJournal();
            File.WriteAllBytes(temp.FilePath, JournalLine.Encode(new JournalEvent
            {
                Kind = JournalEvent.SubmittingKind,
                At = DateTimeOffset.UtcNow,
                Key = "key-1",
                Body = Encoding.UTF8.GetBytes("{\"prompt\":\"A heron\"}"),
                BaseUri = "https://someone:hunter2@proxy.example/seedance/",
            }));

            var entry = Assert.Single(temp.Journal.Read().Entries);

            Assert.Equal(new Uri("https://proxy.example/seedance/"), entry.BaseUri);
            Assert.Equal(new Uri("https://proxy.example/seedance/"), entry.ToTask().Endpoint);
        }

        [Fact]
        public void Credit_usage_counts_one_endpoint_or_groups_by_endpoint()
        {
            using var temp = new TemporaryJournal();
            Submit(temp.Journal, "real-1", Real, 30);
            Submit(temp.Journal, "sandbox-1", Sandbox, 480);
            Submit(temp.Journal, "sandbox-2", new Uri("http://127.0.0.1:5080"), 60);
            var entries = temp.Journal.Read().Entries;

            var real = Assert.Single(CreditUsageReport.Compute(entries, CreditUsageGrouping.None, endpoint: Real));
            var sandbox = Assert.Single(CreditUsageReport.Compute(entries, CreditUsageGrouping.None, endpoint: Sandbox));
            var grouped = CreditUsageReport.Compute(entries, CreditUsageGrouping.Endpoint);

            Assert.Equal((1, 30m), (real.Tasks, real.CreditsUsed));
            Assert.Equal((2, 540m), (sandbox.Tasks, sandbox.CreditsUsed));
            Assert.Equal(new[] { Sandbox.AbsoluteUri, Real.AbsoluteUri }, grouped.Select(g => g.Group));
        }

        [Theory]
        [InlineData("https://seedance2ai.io", "https://seedance2ai.io/", true)]
        [InlineData("https://user:pw@seedance2ai.io/", "https://SEEDANCE2AI.io/", true)]
        [InlineData("http://host/proxy", "http://host/proxy/", true)]
        [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5081/", false)]
        [InlineData("http://host/a/", "http://host/b/", false)]
        [InlineData("http://host/", "https://host/", false)]
        public void Two_base_uris_are_the_same_endpoint_when_scheme_host_port_and_path_agree(string first, string second, bool same)
        {
            Assert.Equal(same, SeedanceClientOptions.SameEndpoint(new Uri(first), new Uri(second)));
        }

        private static void Submit(TaskJournal journal, string key, Uri endpoint, decimal credits)
        {
            journal.Submitting(key, Encoding.UTF8.GetBytes("{\"prompt\":\"" + key + "\"}"), endpoint, DateTimeOffset.UtcNow);
            journal.Submitted(key, new SeedanceTask { Id = "sd2_" + key, CreditsUsed = credits });
        }
    }
}
