using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Sandbox;

var options = new SandboxOptions();
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        options.Port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

await using var sandbox = await SandboxHost.StartAsync(options).ConfigureAwait(false);
Console.WriteLine($"Seedance sandbox listening on {sandbox.BaseUri}");
Console.WriteLine($"Test API key: {options.ApiKey}");
Console.WriteLine("Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
}
