using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Sandbox;

if (!SandboxCommandLine.TryParse(args, out var options, out var watchStdin, out var problem))
{
    await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(SandboxCommandLine.Usage).ConfigureAwait(false);
    return 2;
}

await using var sandbox = await SandboxHost.StartAsync(options).ConfigureAwait(false);
Console.WriteLine($"Seedance sandbox listening on {sandbox.BaseUri}");
Console.WriteLine($"Test API key: {options.ApiKey}");
Console.WriteLine(watchStdin ? "Press Ctrl+C or close standard input to stop." : "Press Ctrl+C to stop.");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
if (watchStdin)
{
    _ = Task.Run(
        async () =>
        {
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }

            await stop.CancelAsync().ConfigureAwait(false);
        },
        CancellationToken.None);
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
}

return 0;
