using System.Globalization;

namespace Seedance.Binding
{
    /// <summary>
    /// Whole-number parameters fed from CSV or JSON: "5" and 5.0 are 5, an empty cell is "not given", and 5.5 or "5s" are
    /// refused instead of being rounded the way PowerShell's own conversion would (a piped row's cell: that row's error).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class WholeNumberTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Transforms the value of the API field <paramref name="field"/>.</summary>
        public WholeNumberTransformationAttribute(string field) => Field = field;

        /// <summary>The API field the parameter carries.</summary>
        public string Field { get; }

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case string text when string.IsNullOrWhiteSpace(text):
                    return null;
                case string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                    return number;
                case string text:
                    return NotWhole(text);
                case double or float or decimal:
                    var real = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    return decimal.Truncate(real) == real ? decimal.ToInt64(real) : NotWhole(Convert.ToString(value, CultureInfo.InvariantCulture));
                default:
                    return inputData;
            }
        }

        private object? NotWhole(string? text)
        {
            var message = $"'{text}' is not a whole number.";
            return PipelineRow.Defer(Field, message) ? null : throw new ArgumentTransformationMetadataException(message);
        }
    }
}
