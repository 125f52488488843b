using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>An example: its title, its code and what it does.</summary>
    public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);
}
