using System.Collections.Generic;

namespace Seedance.Sandbox.Api
{
    /// <summary>
    /// The sandbox's invented price list (README.md documents it): credits per second by tier, times a resolution
    /// factor. Only one point is known from the real service: standard, 720p, 5 s = 30 credits.
    /// </summary>
    internal static class PriceTable
    {
        private static readonly Dictionary<string, decimal> PerSecondByTier = new()
        {
            ["mini"] = 3,
            ["standard"] = 6,
            ["pro"] = 12,
        };

        private static readonly Dictionary<string, decimal> FactorByResolution = new()
        {
            ["720p"] = 1,
            ["1080p"] = 2,
            ["1080p-plus"] = 3,
            ["4k"] = 5,
        };

        public static decimal Price(SubmitRequest request) =>
            PerSecondByTier[request.QualityTier] * FactorByResolution[request.Resolution] * request.Duration;
    }
}
