using System.Collections;
using System.Management.Automation.Language;
using Seedance.Client.Requests;

namespace Seedance.Binding
{
    /// <summary>
    /// Tab completion for every parameter with a fixed set of values (-Mode, -QualityTier, -Channel, -AspectRatio,
    /// -Resolution): the values come from <see cref="SeedanceValues"/>, chosen by the parameter's name.
    /// </summary>
    internal sealed class SeedanceValueCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var field = RequestParameters.FieldFor(parameterName);
            var allowed = field is null ? null : SeedanceValues.AllowedValues(field);
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return (allowed ?? Array.Empty<string>())
                .Where(value => value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(Quoted(value), value, CompletionResultType.ParameterValue, value))
                .ToList();
        }

        // 16:9 must be quoted to stay one word at the prompt; plain words are left bare as users type them.
        private static string Quoted(string value) =>
            value.All(character => char.IsLetterOrDigit(character) || character == '-') ? value : "'" + value + "'";
    }
}
