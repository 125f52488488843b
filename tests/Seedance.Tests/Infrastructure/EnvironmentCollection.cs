using Xunit;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>Tests that set environment variables (process-wide) run one at a time, never beside each other.</summary>
    [CollectionDefinition("Environment", DisableParallelization = true)]
    public sealed class EnvironmentCollectionDefinition
    {
    }
}
