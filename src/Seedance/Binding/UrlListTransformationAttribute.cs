using System.Collections;

namespace Seedance.Binding
{
    /// <summary>
    /// URL lists fed from CSV: one cell holds several URLs separated by ';' or white space (commas are legal inside URLs,
    /// so they do not separate). Arrays (from JSON or the command line) pass through, each element split the same way;
    /// an empty cell is "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class UrlListTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly char[] Separators = { ';', ' ', '\t', '\r', '\n' };

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            var items = value switch
            {
                null => Enumerable.Empty<object?>(),
                string text => new object?[] { text },
                IEnumerable many => many.Cast<object?>(),
                _ => new object?[] { value },
            };
            var urls = items.SelectMany(Split).ToArray();
            return urls.Length == 0 ? null : urls;
        }

        private static IEnumerable<string> Split(object? item)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            return value is null
                ? Enumerable.Empty<string>()
                : (value.ToString() ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
