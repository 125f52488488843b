using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>A parameter's description and its yaml metadata; one usage per yaml block (parameter sets can differ).</summary>
    public sealed record HelpParameter(string Name, IReadOnlyList<string> Description, string Type, string Aliases, string DefaultValue, bool AcceptsWildcards)
    {
        public IList<HelpParameterUsage> Usages { get; } = new List<HelpParameterUsage>();

        /// <summary>Whether the parameter is a switch (MAML gives switches no value).</summary>
        public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
    }
}
