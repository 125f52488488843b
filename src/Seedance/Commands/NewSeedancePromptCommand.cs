using Seedance.Client.Prompts;
using Seedance.Prompts;

namespace Seedance.Commands
{
    /// <summary>Composes a director-style prompt from parts; pipes into New-SeedanceVideo by property name.</summary>
    [Cmdlet(VerbsCommon.New, "SeedancePrompt")]
    [OutputType(typeof(SeedancePrompt))]
    public sealed class NewSeedancePromptCommand : SeedanceCmdlet
    {
        /// <summary>Who or what the video is about.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Subject { get; set; }

        /// <summary>What the subject does.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Action { get; set; }

        /// <summary>Where and when it happens.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Scene { get; set; }

        /// <summary>Camera motion and framing.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Camera { get; set; }

        /// <summary>Visual style.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Style { get; set; }

        /// <summary>Ordered shots.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Shot { get; set; }

        /// <summary>Leave "no subtitles" out of the constraint package.</summary>
        [Parameter]
        public SwitchParameter AllowSubtitles { get; set; }

        /// <summary>Leave the constraint package out.</summary>
        [Parameter]
        public SwitchParameter NoConstraints { get; set; }

        /// <summary>Strictly edit the source video among the references.</summary>
        [Parameter]
        public SwitchParameter Edit { get; set; }

        /// <summary>Continue the previous clip among the references.</summary>
        [Parameter]
        public SwitchParameter Extend { get; set; }

        /// <summary>The opening frame: a public https URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ImageUrl { get; set; }

        /// <summary>The closing frame: a public https URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? EndImageUrl { get; set; }

        /// <summary>Reference images or videos: public https URLs, each with a role in -MediaRole.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? MediaUrl { get; set; }

        /// <summary>The role of each -MediaUrl, in the same order.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MediaRole[]? MediaRole { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            var builder = new PromptBuilder
            {
                Subject = Subject,
                Action = Action,
                Scene = Scene,
                Camera = Camera,
                Style = Style,
                Shots = Shot,
                AllowSubtitles = AllowSubtitles,
                NoConstraints = NoConstraints,
                Edit = Edit,
                Extend = Extend,
                ImageUrl = ImageUrl,
                EndImageUrl = EndImageUrl,
            };

            builder.Media = PromptBuilder.PairMedia(MediaUrl, MediaRole);
            var prompt = builder.Build();
            foreach (var finding in PromptLint.Check(prompt.Prompt))
            {
                WriteWarning(finding.Message);
            }

            WriteObject(prompt);
        }
    }
}
