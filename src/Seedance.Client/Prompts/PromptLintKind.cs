namespace Seedance.Client.Prompts
{
    /// <summary>The kinds of asset reference that do not belong in a prompt.</summary>
    internal enum PromptLintKind
    {
        /// <summary>An <c>asset://</c> URL.</summary>
        AssetUrl,

        /// <summary>An in-app label such as <c>@图片1</c> or <c>@image1</c>.</summary>
        InAppLabel,

        /// <summary>A raw asset id such as <c>asset_8f3k2j</c> or a GUID.</summary>
        AssetId,
    }
}
