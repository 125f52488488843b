using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Seedance.Binding
{
    /// <summary>
    /// Text parameters fed from CSV or JSON: an empty cell means "not given" (null, so the API default applies), and a
    /// piped object without a property of the parameter's name (a CSV row without a prompt column) is refused instead of
    /// being turned into the text "@{…}" and sent as a prompt.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TextArgumentTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly string[] _propertyNames;

        /// <summary>Transforms text; <paramref name="propertyNames"/> are the properties a piped object may carry the value in.</summary>
        public TextArgumentTransformationAttribute(params string[] propertyNames) => _propertyNames = propertyNames;

        /// <summary>The properties a piped object may carry the value in.</summary>
        public IReadOnlyList<string> PropertyNames => _propertyNames;

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
                PSCustomObject when !CarriesValue(inputData) => throw NotText("an object without a property of this parameter's name"),
                _ => inputData,
            };
        }

        // The binder offers a piped object here before it binds the object's property of the same name; let that happen.
        private bool CarriesValue(object inputData) =>
            inputData is PSObject wrapped && _propertyNames.Any(name => wrapped.Properties[name] is not null);

        private static ArgumentTransformationMetadataException NotText(string what) =>
            new($"Expected text, but got {what}.");
    }
}
