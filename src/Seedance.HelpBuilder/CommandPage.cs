using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>One cmdlet's help page, as read from <c>docs/en-US/&lt;Cmdlet-Name&gt;.md</c>.</summary>
    public sealed class CommandPage
    {
        public string Name { get; set; } = string.Empty;

        public string Synopsis { get; set; } = string.Empty;

        /// <summary>Parameter set names from the SYNTAX section, in page order; the default one first when marked.</summary>
        public IList<string> ParameterSets { get; } = new List<string>();

        public IList<string> Description { get; } = new List<string>();

        public IList<HelpExample> Examples { get; } = new List<HelpExample>();

        public IList<HelpParameter> Parameters { get; } = new List<HelpParameter>();

        public IList<HelpTypeEntry> Inputs { get; } = new List<HelpTypeEntry>();

        public IList<HelpTypeEntry> Outputs { get; } = new List<HelpTypeEntry>();

        public IList<string> Notes { get; } = new List<string>();

        public IList<HelpLink> Links { get; } = new List<HelpLink>();
    }
}
