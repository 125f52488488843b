using System;

namespace Seedance.HelpBuilder
{
    /// <summary>A help page that does not follow the page format; the message names the file, the line and what is missing.</summary>
    public sealed class HelpPageException : Exception
    {
        public HelpPageException(string file, int line, string message)
            : base($"{file}({line}): error SDHELP: {message}")
        {
            File = file;
            Line = line;
        }

        public HelpPageException()
        {
            File = string.Empty;
        }

        public HelpPageException(string message)
            : base(message)
        {
            File = string.Empty;
        }

        public HelpPageException(string message, Exception innerException)
            : base(message, innerException)
        {
            File = string.Empty;
        }

        /// <summary>The page.</summary>
        public string File { get; }

        /// <summary>The line the problem is at (1-based).</summary>
        public int Line { get; }
    }
}
