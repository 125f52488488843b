using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>A parameter's description and its yaml metadata; one usage per yaml block (parameter sets can differ).</summary>
    public sealed class HelpParameter
    {
        public HelpParameter(string name, IReadOnlyList<string> description, string type, string aliases, string defaultValue, bool acceptsWildcards)
        {
            Name = name;
            Description = description;
            Type = type;
            Aliases = aliases;
            DefaultValue = defaultValue;
            AcceptsWildcards = acceptsWildcards;
        }

        public string Name { get; }

        public IReadOnlyList<string> Description { get; }

        public string Type { get; }

        public string Aliases { get; }

        public string DefaultValue { get; }

        public bool AcceptsWildcards { get; }

        public IList<HelpParameterUsage> Usages { get; } = new List<HelpParameterUsage>();

        /// <summary>Whether the parameter is a switch (MAML gives switches no value).</summary>
        public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
    }
}
