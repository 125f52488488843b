using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>An input or output type and what it is.</summary>
    public sealed class HelpTypeEntry
    {
        public HelpTypeEntry(string type, IReadOnlyList<string> description)
        {
            Type = type;
            Description = description;
        }

        public string Type { get; }

        public IReadOnlyList<string> Description { get; }
    }
}
