using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>
    /// An HTTP server on loopback that answers what a test writes, byte for byte, as a broken or hostile API would:
    /// redirects, endless bodies, a key echoed back. One request per connection; every request is recorded.
    /// </summary>
    internal sealed class HostileServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<HostileRequest, Stream, Task> _answer;
        private readonly Task _accepting;

        public HostileServer(Func<HostileRequest, Stream, Task> answer)
        {
            _answer = answer;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public ConcurrentQueue<HostileRequest> Requests { get; } = new();

        /// <summary>Writes a whole response: status line, headers, and <paramref name="body"/>.</summary>
        public static async Task WriteAsync(Stream stream, int status, string body, params string[] headers)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = new StringBuilder($"HTTP/1.1 {status} Status{status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n");
            foreach (var header in headers)
            {
                head.Append(header).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
            await stream.WriteAsync(bytes);
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    var request = await HostileRequest.ReadAsync(stream);
                    Requests.Enqueue(request);
                    await _answer(request, stream);
                }
                catch (IOException)
                {
                    // The client hung up, as it should on an answer it refuses.
                }
            }
        }
    }

    /// <summary>A request as the hostile server read it.</summary>
    internal sealed record HostileRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public static async Task<HostileRequest> ReadAsync(Stream stream)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    throw new IOException("The connection closed before the request ended.");
                }

                head.Add(one[0]);
            }

            var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines[1..])
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon]] = line[(colon + 1)..].Trim();
            }

            var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
            await stream.ReadExactlyAsync(body);
            return new HostileRequest(requestLine[0], requestLine[1], headers, body);
        }
    }
}
