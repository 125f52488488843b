using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>An example: its title, its code and what it does.</summary>
    public sealed class HelpExample
    {
        public HelpExample(string title, string code, IReadOnlyList<string> remarks)
        {
            Title = title;
            Code = code;
            Remarks = remarks;
        }

        public string Title { get; }

        public string Code { get; }

        public IReadOnlyList<string> Remarks { get; }
    }
}
