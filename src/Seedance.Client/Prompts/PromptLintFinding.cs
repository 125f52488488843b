namespace Seedance.Client.Prompts
{
    /// <summary>One asset reference found in a prompt, with the warning to show for it.</summary>
    /// <param name="Kind">What kind of reference it is.</param>
    /// <param name="Text">The text found.</param>
    internal sealed record PromptLintFinding(PromptLintKind Kind, string Text)
    {
        /// <summary>The warning: what was found, why it does not work and what to do instead.</summary>
        public string Message => Kind switch
        {
            PromptLintKind.AssetUrl => $"The prompt contains the asset URL '{Text}'. The API does not resolve asset:// URLs in a prompt: pass the asset's public https URL with -ImageUrl, -EndImageUrl or -MediaUrl and describe its role in words (see about_Seedance_Prompting).",
            PromptLintKind.InAppLabel => $"The prompt contains the in-app label '{Text}'. The API does not know the app's labels: pass the asset's public https URL with -ImageUrl, -EndImageUrl or -MediaUrl and describe its role in words, for example 'reference 1 is the character' (see about_Seedance_Prompting).",
            _ => $"The prompt contains '{Text}', which looks like a raw asset id. The API does not resolve ids in a prompt: pass the asset's public https URL with -ImageUrl, -EndImageUrl or -MediaUrl and describe its role in words (see about_Seedance_Prompting).",
        };

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
