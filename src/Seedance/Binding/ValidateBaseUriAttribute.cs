using Seedance.Client;

namespace Seedance.Binding
{
    /// <summary>
    /// Refuses, while binding, a base URI the API cannot be reached at (not an absolute http or https URI), so that
    /// PowerShell's error names the parameter before the setting is kept.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateBaseUriAttribute : ValidateArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            try
            {
                SeedanceClientOptions.CheckBaseUri((Uri)(arguments is PSObject wrapped ? wrapped.BaseObject : arguments));
            }
            catch (SeedanceException e)
            {
                throw new ValidationMetadataException(e.Message, e);
            }
        }
    }
}
