using System.Collections.Generic;

namespace Seedance.Prompts
{
    /// <summary>
    /// A composed prompt and the assets it describes. Its property names match New-SeedanceVideo's parameters, so it
    /// pipes into that cmdlet by property name.
    /// </summary>
    public sealed class SeedancePrompt
    {
        /// <summary>Creates the result of <see cref="Client.Prompts.PromptBuilder.Build"/>.</summary>
        public SeedancePrompt(string prompt, string? mode, string? imageUrl, string? endImageUrl, IReadOnlyList<string>? mediaUrl)
        {
            Prompt = prompt;
            Mode = mode;
            ImageUrl = imageUrl;
            EndImageUrl = endImageUrl;
            MediaUrl = mediaUrl;
        }

        /// <summary>The director-style prompt text.</summary>
        public string Prompt { get; }

        /// <summary>The mode the assets imply (<c>image-to-video</c> or <c>media-to-video</c>); null for text only.</summary>
        public string? Mode { get; }

        /// <summary>The opening frame.</summary>
        public string? ImageUrl { get; }

        /// <summary>The closing frame.</summary>
        public string? EndImageUrl { get; }

        /// <summary>The references, in the order the prompt numbers them.</summary>
        public IReadOnlyList<string>? MediaUrl { get; }

        /// <inheritdoc />
        public override string ToString() => Prompt;
    }
}
