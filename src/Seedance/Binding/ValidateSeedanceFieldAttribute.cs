using Seedance.Client.Requests;

namespace Seedance.Binding
{
    /// <summary>
    /// Checks one parameter at binding time with the client's rule for its API field, so that PowerShell reports
    /// "Cannot validate argument on parameter '…'" with the allowed values before anything runs. A piped row's cell is
    /// left to the request's validation, which names the row (see <see cref="PipelineRow"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateSeedanceFieldAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Validates with the rule of <paramref name="field"/> (a <see cref="RequestFields"/> name).</summary>
        public ValidateSeedanceFieldAttribute(string field) => Field = field;

        /// <summary>The API field whose rule applies.</summary>
        public string Field { get; }

        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!PipelineRow.IsBinding && VideoRequestValidator.ValidateField(Field, value) is { } problem)
            {
                throw new ValidationMetadataException(problem.Message);
            }
        }
    }
}
