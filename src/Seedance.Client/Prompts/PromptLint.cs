using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Seedance.Client.Prompts
{
    /// <summary>
    /// Finds what the prompt guide says never to put in a prompt: raw asset ids, <c>asset://</c> URLs and in-app labels
    /// such as <c>@图片1</c> or <c>@image1</c>. The API cannot resolve them, so the video ignores the asset they meant.
    /// </summary>
    internal static class PromptLint
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        private static readonly (PromptLintKind Kind, Regex Pattern)[] Rules =
        {
            (PromptLintKind.AssetUrl, new Regex(@"asset://[^\s,;)""']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)),
            (PromptLintKind.InAppLabel, new Regex(@"@(图片|图像|视频|音频|image|img|video|audio)\s?\d+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)),
            (PromptLintKind.AssetId, new Regex(@"\b(asset|ast)[_-][A-Za-z0-9][A-Za-z0-9_-]{5,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)),
        };

        /// <summary>Every asset reference in <paramref name="prompt"/>, in order of appearance; empty when it has none.</summary>
        public static IReadOnlyList<PromptLintFinding> Check(string? prompt)
        {
            if (string.IsNullOrEmpty(prompt))
            {
                return Array.Empty<PromptLintFinding>();
            }

            var findings = new List<(int Index, PromptLintFinding Finding)>();
            foreach (var (kind, pattern) in Rules)
            {
                foreach (Match match in pattern.Matches(prompt))
                {
                    var overlaps = findings.Any(f => match.Index < f.Index + f.Finding.Text.Length && f.Index < match.Index + match.Length);
                    if (!overlaps)
                    {
                        findings.Add((match.Index, new PromptLintFinding(kind, match.Value)));
                    }
                }
            }

            return findings.OrderBy(f => f.Index).Select(f => f.Finding).ToList();
        }
    }
}
