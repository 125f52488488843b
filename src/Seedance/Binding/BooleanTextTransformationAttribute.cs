using System;
using System.Management.Automation;

namespace Seedance.Binding
{
    /// <summary>
    /// Switches and flags fed from CSV or JSON: PowerShell turns any non-empty text into $true, so "false" would switch a
    /// feature on. This reads true/false, yes/no, on/off and 1/0 (any case); an empty cell is "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanTextTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                null => null,
                bool or SwitchParameter => inputData,
                string text => Parse(text.Trim()),
                int or long or short or byte => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) switch
                {
                    0 => false,
                    1 => true,
                    _ => throw NotBoolean(value.ToString()),
                },
                _ => inputData,
            };
        }

        private static object? Parse(string text) => text.ToUpperInvariant() switch
        {
            "" => null,
            "TRUE" or "$TRUE" or "YES" or "Y" or "ON" or "1" => true,
            "FALSE" or "$FALSE" or "NO" or "N" or "OFF" or "0" => false,
            _ => throw NotBoolean(text),
        };

        private static ArgumentTransformationMetadataException NotBoolean(string? text) =>
            new($"'{text}' is not true or false (also accepted: yes/no, on/off, 1/0).");
    }
}
