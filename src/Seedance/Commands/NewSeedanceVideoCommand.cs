using System.Text;
using Seedance.Binding;
using Seedance.Errors;
using Seedance.Client.Json;
using Seedance.Client.Prompts;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Results;
using Seedance.Client;

namespace Seedance.Commands
{
    /// <summary>
    /// Validates and submits one video job per input and emits its task as soon as the API accepts it. Every parameter
    /// also binds by property name (with the API's field names as aliases), so CSV rows and JSON objects can be piped in.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SubmitParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    [OutputType(typeof(System.IO.FileInfo))]
    public sealed class NewSeedanceVideoCommand : SeedanceWaitCmdlet
    {
        // -OutFile and -OutputPath exclude each other; -Wait goes with either.
        private const string SubmitParameterSet = "Submit";
        private const string OutputPathParameterSet = "OutputPath";
        private readonly List<SeedanceTask> _submitted = new();
        private SaveTarget? _save;
        private PipelineRow? _row;
        private int _rows;

        /// <summary>What to film: 3 to 10000 characters.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [TextArgumentTransformation(nameof(Prompt))]
        [AllowEmptyString]
        public string Prompt { get; set; } = string.Empty;

        /// <summary>text-to-video, image-to-video or media-to-video; inferred from -MediaUrl / -ImageUrl when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.Mode)]
        [ArgumentCompleter(typeof(SeedanceValueCompleter))]
        public string? Mode { get; set; }

        /// <summary>mini, standard or pro.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("quality_tier", "Tier")]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.QualityTier)]
        [ArgumentCompleter(typeof(SeedanceValueCompleter))]
        public string? QualityTier { get; set; }

        /// <summary>standard, real or wild.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.Channel)]
        [ArgumentCompleter(typeof(SeedanceValueCompleter))]
        public string? Channel { get; set; }

        /// <summary>16:9, 9:16, 1:1, 4:3, 3:4, 21:9 or adaptive.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("aspect_ratio")]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.AspectRatio)]
        [ArgumentCompleter(typeof(SeedanceValueCompleter))]
        public string? AspectRatio { get; set; }

        /// <summary>Clip length in whole seconds, 4 to 15.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [WholeNumberTransformation(RequestFields.Duration)]
        [ValidateSeedanceField(RequestFields.Duration)]
        public int? Duration { get; set; }

        /// <summary>720p, 1080p, or on the pro tier also 1080p-plus and 4k.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.Resolution)]
        [ArgumentCompleter(typeof(SeedanceValueCompleter))]
        public string? Resolution { get; set; }

        /// <summary>The start frame: a public https URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_url")]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.ImageUrl)]
        public string? ImageUrl { get; set; }

        /// <summary>The end frame: a public https URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("end_image_url")]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.EndImageUrl)]
        public string? EndImageUrl { get; set; }

        /// <summary>Up to 12 reference images or videos (public https URLs); from CSV, one cell separated by ';'.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("media_urls", "MediaUrls")]
        [UrlListTransformation]
        [ValidateSeedanceField(RequestFields.MediaUrls)]
        public string[]? MediaUrl { get; set; }

        /// <summary>Render without an audio track (sends generate_audio: false).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("no_audio")]
        [BooleanTextTransformation(RequestFields.GenerateAudio, Switch = true)]
        public SwitchParameter NoAudio { get; set; }

        /// <summary>The API's generate_audio flag as data gives it (CSV or JSON); at the prompt, use -NoAudio.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("generate_audio")]
        [BooleanTextTransformation(RequestFields.GenerateAudio)]
        public bool? GenerateAudio { get; set; }

        /// <summary>Lock the camera lens.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("fixed_lens")]
        [BooleanTextTransformation(RequestFields.FixedLens, Switch = true)]
        public SwitchParameter FixedLens { get; set; }

        /// <summary>Seed, -1 to 4294967295; not on the mini tier nor the real channel.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [WholeNumberTransformation(RequestFields.Seed)]
        [ValidateSeedanceField(RequestFields.Seed)]
        public long? Seed { get; set; }

        /// <summary>The key that makes a repeated submit return the first task instead of paying again; a fresh one when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("idempotency_key")]
        [TextArgumentTransformation]
        [ValidateSeedanceField(RequestFields.IdempotencyKey)]
        public string? IdempotencyKey { get; set; }

        /// <summary>
        /// The piped object as a whole (a CSV row, a JSON object, a prompt), so that its errors name it. PowerShell offers
        /// each piped object here before it binds its cells, and sets this back to null between objects.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object? InputObject
        {
            get => _row?.Value;
            set => _row = PipelineRow.Start(value, ref _rows);
        }

        /// <summary>Wait for the videos (one polling loop for all of them) and emit each completed task instead of the submitted one.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Save the video to this file once it is ready (implies -Wait; one prompt only) and emit the file.</summary>
        [Parameter(ParameterSetName = SubmitParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Save each video to this folder as &lt;taskId&gt;.mp4 once it is ready (implies -Wait) and emit the files.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OutputPathParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>With -OutFile or -OutputPath: replace a file that is already there.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            PipelineRow.End();
            var request = ToRequest();
            Attempt(request, () => Submit(request, _row?.Problems));
        }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            WaitFor(_submitted, _save);
        }

        /// <summary>
        /// A request that breaks the API's rules names the parameters to change and their allowed values, and a piped
        /// row its position and the start of its prompt.
        /// </summary>
        private protected override ErrorRecord ErrorFor(Exception exception, object? target) => exception is SeedanceValidationException invalid
            ? ErrorRecords.InvalidParameters(invalid, target, _row?.Describe(Prompt))
            : base.ErrorFor(exception, target);

        private void Submit(VideoRequest request, IReadOnlyList<RequestProblem>? unreadableCells)
        {
            foreach (var finding in PromptLint.Check(request.Prompt))
            {
                WriteWarning(finding.Message);
            }

            // A row's unreadable cells are refused with whatever else the request breaks.
            if (unreadableCells is { Count: > 0 })
            {
                throw new SeedanceValidationException(unreadableCells.Concat(VideoRequestValidator.Validate(request)).ToList());
            }

            // Validated and canonicalised once, here: the client sends these very bytes.
            var body = RequestBody.Serialize(request);
            _save ??= OutFile is { } file ? SaveTarget.Resolve(this, file, nameof(OutFile), alwaysFolder: false, includeLastFrame: false, Force)
                : OutputPath is { } folder ? SaveTarget.Resolve(this, folder, nameof(OutputPath), alwaysFolder: true, includeLastFrame: false, Force)
                : null;
            var key = IdempotencyKey ?? SeedanceClient.NewIdempotencyKey();
            var text = Encoding.UTF8.GetString(body);
            var destination = Configuration.BaseUri;
            if (!ShouldProcess(
                $"Submit a Seedance video job to {destination} with Idempotency-Key {key}, body: {text}",
                $"Submit this Seedance video job to {destination}? It spends credits. Body: {text}",
                "New-SeedanceVideo"))
            {
                return;
            }

            _save?.Prepare();
            _save?.ClaimForNewTask();
            var task = Run(token => Client.SubmitAsync(key, body, token));
            WriteVerbose($"Submitted task {task.Id} (Idempotency-Key {key}).");
            if (Wait || OutFile is not null || OutputPath is not null)
            {
                _submitted.Add(task);
            }
            else
            {
                WriteObject(task);
            }
        }

        /// <summary>The request as the parameters give it; null stays "not given" so the API's defaults apply.</summary>
        private VideoRequest ToRequest() => new()
        {
            Prompt = string.IsNullOrEmpty(Prompt) ? null : Prompt,
            Mode = Mode,
            QualityTier = QualityTier,
            Channel = Channel,
            AspectRatio = AspectRatio,
            Duration = Duration,
            Resolution = Resolution,
            ImageUrl = ImageUrl,
            EndImageUrl = EndImageUrl,
            MediaUrls = MediaUrl,
            GenerateAudio = NoAudio.IsPresent ? false : GenerateAudio,
            FixedLens = FixedLens.IsPresent ? true : null,
            Seed = Seed,
        };
    }
}
