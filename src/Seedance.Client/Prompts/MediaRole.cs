namespace Seedance.Prompts
{
    /// <summary>What a reference in <c>media_urls</c> is for; the prompt says it in words.</summary>
    public enum MediaRole
    {
        /// <summary>A person or creature to keep consistent.</summary>
        Character,

        /// <summary>Movement and timing to follow.</summary>
        Motion,

        /// <summary>A look, palette and lighting to match.</summary>
        Style,

        /// <summary>The video to edit (with <see cref="Client.Prompts.PromptBuilder.Edit"/>).</summary>
        SourceVideo,

        /// <summary>The clip to continue (with <see cref="Client.Prompts.PromptBuilder.Extend"/>).</summary>
        PreviousClip,
    }
}
