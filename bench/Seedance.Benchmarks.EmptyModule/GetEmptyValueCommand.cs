using System.Management.Automation;

namespace Seedance.Benchmarks.EmptyModule
{
    /// <summary>Writes the number 1; it exists so the module has one cmdlet to export.</summary>
    [Cmdlet(VerbsCommon.Get, "EmptyValue")]
    [OutputType(typeof(int))]
    public sealed class GetEmptyValueCommand : Cmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(1);
    }
}
