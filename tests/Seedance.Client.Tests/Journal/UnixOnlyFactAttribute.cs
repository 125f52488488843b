using System;
using Xunit;

namespace Seedance.Client.Tests.Journal
{
    /// <summary>A fact about Unix file modes: skipped, and reported as skipped, on Windows, where they do not exist.</summary>
    public sealed class UnixOnlyFactAttribute : FactAttribute
    {
        public UnixOnlyFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Unix file modes do not exist on Windows.";
            }
        }
    }
}
