using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance.HelpBuilder
{
    /// <summary>How a parameter binds in some parameter sets: one yaml block of a parameter.</summary>
    public sealed class HelpParameterUsage
    {
        public HelpParameterUsage(IReadOnlyList<string> sets, bool required, string position, string pipelineInput)
        {
            Sets = sets;
            Required = required;
            Position = position;
            PipelineInput = pipelineInput;
        }

        /// <summary>Set names, or <c>(All)</c>.</summary>
        public IReadOnlyList<string> Sets { get; }

        public bool Required { get; }

        /// <summary>A number, or <c>Named</c>.</summary>
        public string Position { get; }

        /// <summary>For example <c>True (ByValue, ByPropertyName)</c> or <c>False</c>.</summary>
        public string PipelineInput { get; }

        public bool AppliesTo(string set) => Sets.Any(s => s == "(All)" || string.Equals(s, set, StringComparison.OrdinalIgnoreCase));
    }
}
