namespace Seedance.Binding
{
    /// <summary>
    /// Switches and flags fed from CSV or JSON: PowerShell turns any non-empty text into $true, so "false" would switch a
    /// feature on. This reads true/false, yes/no, on/off and 1/0 (any case); an empty cell is "not given" (for a switch:
    /// off, since PowerShell turns a switch bound to nothing on). Other text is refused (a piped row's cell: that row's
    /// error).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class BooleanTextTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Transforms the value of the API field <paramref name="field"/>.</summary>
        public BooleanTextTransformationAttribute(string field) => Field = field;

        /// <summary>The API field the parameter carries.</summary>
        public string Field { get; }

        /// <summary>True on a switch parameter.</summary>
        public bool Switch { get; set; }

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                null => NotGiven,
                bool or SwitchParameter => inputData,
                string text => Parse(text.Trim()),
                int or long or short or byte => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) switch
                {
                    0 => false,
                    1 => true,
                    _ => NotBoolean(value.ToString()),
                },
                _ => inputData,
            };
        }

        private object? NotGiven => Switch ? false : null;

        private object? Parse(string text) => text.ToUpperInvariant() switch
        {
            "" => NotGiven,
            "TRUE" or "$TRUE" or "YES" or "Y" or "ON" or "1" => true,
            "FALSE" or "$FALSE" or "NO" or "N" or "OFF" or "0" => false,
            _ => NotBoolean(text),
        };

        private object? NotBoolean(string? text)
        {
            var message = $"'{text}' is not true or false (also accepted: yes/no, on/off, 1/0).";
            return PipelineRow.Defer(Field, message) ? NotGiven : throw new ArgumentTransformationMetadataException(message);
        }
    }
}
