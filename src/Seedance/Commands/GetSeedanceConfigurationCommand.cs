using Seedance.Session;

namespace Seedance.Commands
{
    /// <summary>Shows this session's Seedance settings.</summary>
    [Cmdlet(VerbsCommon.Get, "SeedanceConfiguration")]
    [OutputType(typeof(SeedanceConfiguration))]
    public sealed class GetSeedanceConfigurationCommand : SeedanceCmdlet
    {
        /// <inheritdoc />
        protected override void OnEnd() => WriteObject(Configuration);
    }
}
