using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Runs alone so that the allocation count of the process belongs to one download only.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class LargeDownloadRunsAlone
    {
        public const string Name = "Large download";
    }
}
