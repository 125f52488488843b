using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Tests.Logic;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>A task read must answer about the task asked for.</summary>
    public sealed class TaskReadTests
    {
        [Fact]
        public async Task A_task_read_answered_with_another_task_is_an_error_and_nothing_is_journaled()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var answered = AnswerOnceAsync(listener, "{\"id\":\"sd2_someone_else\",\"status\":\"completed\",\"output\":{\"video_url\":\"https://cdn.example/other.mp4\"}}");
            using var temp = new TemporaryJournal();
            var client = new SeedanceClient(new SeedanceClientOptions
            {
                BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
                ApiKey = RateGovernorTests.Key("sk_test_other_id"),
                MaxRetries = 0,
                Journal = temp.Journal,
            });

            var error = await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_mine"));
            await answered;

            Assert.Equal((SeedanceErrorCodes.UnexpectedResponse, "sd2_mine"), (error.ErrorCode, error.TaskId));
            Assert.Contains("sd2_someone_else", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(temp.FilePath));
        }

        /// <summary>Answers the first request on <paramref name="listener"/> with <paramref name="json"/> and closes.</summary>
        private static async Task AnswerOnceAsync(TcpListener listener, string json)
        {
            using var connection = await listener.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var body = Encoding.UTF8.GetBytes(json);
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(body);
        }
    }
}
