using System;
using System.Globalization;

namespace Seedance.Sandbox
{
    /// <summary>The command-line switches of <c>dotnet run --project src/Seedance.Sandbox</c>.</summary>
    internal static class SandboxCommandLine
    {
        public const string Usage =
            "Usage: Seedance.Sandbox [--port N] [--api-key KEY] [--credits N] [--processing-seconds S] [--rate-limit N] "
            + "[--rate-window-seconds S] [--url-lifetime-seconds S] [--video-size BYTES] [--ignore-stdin]";

        public static bool TryParse(string[] args, out SandboxOptions options, out bool watchStdin, out string problem)
        {
            var parsed = new SandboxOptions();
            options = parsed;
            watchStdin = true;
            problem = string.Empty;
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (name == "--ignore-stdin")
                {
                    watchStdin = false;
                    continue;
                }

                if (i + 1 >= args.Length)
                {
                    problem = $"{name} needs a value.";
                    return false;
                }

                var value = args[++i];
                var ok = name switch
                {
                    "--port" => Set(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535, () => parsed.Port = port),
                    "--api-key" => Set(value.Length > 0, () => parsed.ApiKey = value),
                    "--credits" => Set(decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var credits), () => parsed.InitialCredits = credits),
                    "--processing-seconds" => Set(TryParseSeconds(value, out var processing), () => parsed.ProcessingTime = processing),
                    "--rate-limit" => Set(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0, () => parsed.RateLimitRequests = limit),
                    "--rate-window-seconds" => Set(TryParseSeconds(value, out var window) && window > TimeSpan.Zero, () => parsed.RateLimitWindow = window),
                    "--url-lifetime-seconds" => Set(TryParseSeconds(value, out var lifetime), () => parsed.ResultUrlLifetime = lifetime),
                    "--video-size" => Set(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size), () => parsed.VideoSize = size),
                    _ => (bool?)null,
                };
                if (ok is null)
                {
                    problem = $"Unknown option {name}.";
                    return false;
                }

                if (ok == false)
                {
                    problem = $"{name}: '{value}' is not a valid value.";
                    return false;
                }
            }

            return true;
        }

        private static bool? Set(bool valid, Action apply)
        {
            if (valid)
            {
                apply();
            }

            return valid;
        }

        private static bool TryParseSeconds(string value, out TimeSpan seconds)
        {
            var ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && number < 1e9;
            seconds = ok ? TimeSpan.FromSeconds(number) : TimeSpan.Zero;
            return ok;
        }
    }
}
