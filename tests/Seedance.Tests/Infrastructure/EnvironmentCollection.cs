using Xunit;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// Tests that change process-wide state (environment variables, the test vault's in-process store) run here, one at a
    /// time, and restore what they changed in <c>finally</c>.
    /// </summary>
    [CollectionDefinition("Environment", DisableParallelization = true)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "An xunit collection definition is named for its collection.")]
    public sealed class EnvironmentCollection
    {
    }
}
