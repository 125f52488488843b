using System.Collections;

namespace Seedance.Binding
{
    /// <summary>
    /// Text parameters fed from CSV or JSON: an empty cell means "not given" (null, so the API default applies). A piped
    /// object offered whole to a parameter that takes the pipeline's text (-Prompt) gives the text of its property of
    /// that name, and empty text when that property is empty or missing: a row without a prompt is that row's error
    /// (the request's validation names it), never the row turned into the text "@{…}" and sent as a prompt.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class TextArgumentTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly string[] _propertyNames;

        /// <summary>Transforms text; <paramref name="propertyNames"/> are the properties a piped object may carry the value in.</summary>
        public TextArgumentTransformationAttribute(params string[] propertyNames) => _propertyNames = propertyNames;

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                null => null,
                string text when string.IsNullOrWhiteSpace(text) => null,
                string text => text,
                IDictionary => throw NotText("a hashtable; pipe [pscustomobject]@{ … } instead"),
                _ when _propertyNames.Length > 0 && inputData is PSObject row && CarriedValue(row) is { } carried => Transform(engineIntrinsics, carried.Value!) ?? string.Empty,
                PSCustomObject when _propertyNames.Length > 0 => string.Empty,
                PSCustomObject => throw NotText("an object"),
                _ => inputData,
            };
        }

        private PSPropertyInfo? CarriedValue(PSObject row) =>
            _propertyNames.Select(name => row.Properties[name]).FirstOrDefault(property => property is not null);

        private static ArgumentTransformationMetadataException NotText(string what) =>
            new($"Expected text, but got {what}.");
    }
}
