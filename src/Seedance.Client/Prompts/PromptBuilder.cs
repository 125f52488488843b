using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Prompts;

namespace Seedance.Client.Prompts
{
    /// <summary>
    /// Composes a director-style prompt as the API's prompt guide recommends: subject, action, scene, camera, ordered
    /// shots, style, the role of every supplied asset in words, and a constraint package. Asset URLs go to their own
    /// fields, never into the text.
    /// </summary>
    internal sealed class PromptBuilder
    {
        /// <summary>The sentence that asks for an edit.</summary>
        public const string EditInstruction = "Strictly edit the supplied source video: change only what is described here and keep everything else as it is.";

        /// <summary>The sentence that asks for an extension.</summary>
        public const string ExtendInstruction = "Continue from the supplied previous clip: pick up from its last frame with the same subject, scene and lighting.";

        /// <summary>The constraint package, without the subtitle rule.</summary>
        public static IReadOnlyList<string> Constraints { get; } = new[] { "stable faces", "natural motion", "no deformation", "no watermark", "no logo" };

        /// <summary>The subtitle rule, left out with <see cref="AllowSubtitles"/>.</summary>
        public const string NoSubtitles = "no subtitles";

        /// <summary>Who or what the video is about.</summary>
        public string? Subject { get; set; }

        /// <summary>What the subject does.</summary>
        public string? Action { get; set; }

        /// <summary>Where and when it happens.</summary>
        public string? Scene { get; set; }

        /// <summary>Camera motion and framing.</summary>
        public string? Camera { get; set; }

        /// <summary>Visual style.</summary>
        public string? Style { get; set; }

        /// <summary>Ordered shots, for a scene with several.</summary>
        public IReadOnlyList<string>? Shots { get; set; }

        /// <summary>Leave the constraint package out.</summary>
        public bool NoConstraints { get; set; }

        /// <summary>Leave the "no subtitles" rule out of the constraint package.</summary>
        public bool AllowSubtitles { get; set; }

        /// <summary>Ask for a strict edit of the source video among the references.</summary>
        public bool Edit { get; set; }

        /// <summary>Ask to continue the previous clip among the references.</summary>
        public bool Extend { get; set; }

        /// <summary>The opening frame (<c>image_url</c>).</summary>
        public string? ImageUrl { get; set; }

        /// <summary>The closing frame (<c>end_image_url</c>).</summary>
        public string? EndImageUrl { get; set; }

        /// <summary>The references (<c>media_urls</c>) with their roles, in order.</summary>
        public IReadOnlyList<MediaReference>? Media { get; set; }

        /// <summary>The prompt and its assets; throws <see cref="SeedanceValidationException"/> when the parts cannot make a valid request.</summary>
        public SeedancePrompt Build()
        {
            var media = Media ?? Array.Empty<MediaReference>();
            var problems = new List<RequestProblem>();
            CheckParts(media, problems);
            var prompt = Compose(media);
            AddIfProblem(problems, VideoRequestValidator.ValidateField(RequestFields.Prompt, prompt));
            AddIfProblem(problems, VideoRequestValidator.ValidateField(RequestFields.ImageUrl, ImageUrl));
            AddIfProblem(problems, VideoRequestValidator.ValidateField(RequestFields.EndImageUrl, EndImageUrl));
            var urls = media.Count > 0 ? media.Select(m => m.Url).ToArray() : null;
            AddIfProblem(problems, VideoRequestValidator.ValidateField(RequestFields.MediaUrls, urls));
            if (problems.Count > 0)
            {
                throw new SeedanceValidationException(problems);
            }

            var mode = urls is null && ImageUrl is null ? null : SeedanceValues.InferMode(urls is not null, ImageUrl is not null);
            return new SeedancePrompt(prompt, mode, ImageUrl, EndImageUrl, urls);
        }

        private void CheckParts(IReadOnlyList<MediaReference> media, List<RequestProblem> problems)
        {
            if (IsBlank(Subject) && IsBlank(Action) && IsBlank(Scene) && (Shots is null || Shots.All(IsBlank)))
            {
                problems.Add(new RequestProblem(RequestFields.Prompt, "Say what happens: give at least a subject, an action, a scene or a shot."));
            }

            if (Edit && Extend)
            {
                problems.Add(new RequestProblem(RequestFields.Prompt, "A prompt either edits a source video or extends a previous clip, not both."));
            }

            if (Edit && !media.Any(m => m.Role == MediaRole.SourceVideo))
            {
                problems.Add(new RequestProblem(RequestFields.MediaUrls, "An edit needs the source video among the references: its URL with the role SourceVideo."));
            }

            if (Extend && !media.Any(m => m.Role == MediaRole.PreviousClip))
            {
                problems.Add(new RequestProblem(RequestFields.MediaUrls, "An extension needs the previous clip among the references: its URL with the role PreviousClip."));
            }
        }

        private string Compose(IReadOnlyList<MediaReference> media)
        {
            var text = new StringBuilder();
            void Line(string? label, string? part)
            {
                if (!IsBlank(part))
                {
                    text.Append(label is null ? string.Empty : label + ": ").Append(Sentence(part!)).Append('\n');
                }
            }

            Line(null, Edit ? EditInstruction : Extend ? ExtendInstruction : null);
            Line("Subject", Subject);
            Line("Action", Action);
            Line("Scene", Scene);
            Line("Camera", Camera);
            var shots = (Shots ?? Array.Empty<string>()).Where(s => !IsBlank(s)).ToList();
            if (shots.Count > 0)
            {
                text.Append("Shots, in order:\n");
                for (var i = 0; i < shots.Count; i++)
                {
                    text.Append(string.Format(CultureInfo.InvariantCulture, "{0}. {1}\n", i + 1, Sentence(shots[i])));
                }
            }

            Line("Style", Style);
            Line("Assets", AssetSentences(media));
            if (!NoConstraints)
            {
                var constraints = AllowSubtitles ? Constraints : Constraints.Concat(new[] { NoSubtitles });
                Line("Constraints", string.Join(", ", constraints));
            }

            return text.ToString().TrimEnd('\n');
        }

        private string? AssetSentences(IReadOnlyList<MediaReference> media)
        {
            var sentences = new List<string>();
            if (ImageUrl is not null)
            {
                sentences.Add("The supplied start image is the opening frame.");
            }

            if (EndImageUrl is not null)
            {
                sentences.Add("The supplied end image is the closing frame.");
            }

            for (var i = 0; i < media.Count; i++)
            {
                sentences.Add(string.Format(CultureInfo.InvariantCulture, "Reference {0} {1}", i + 1, RoleSentence(media[i].Role)));
            }

            return sentences.Count > 0 ? string.Join(" ", sentences) : null;
        }

        /// <summary>Pairs each reference URL with its role, in order; one role per URL.</summary>
        public static IReadOnlyList<MediaReference> PairMedia(IReadOnlyList<string>? urls, IReadOnlyList<MediaRole>? roles)
        {
            urls ??= Array.Empty<string>();
            roles ??= Array.Empty<MediaRole>();
            if (urls.Count != roles.Count)
            {
                throw new SeedanceValidationException(new[]
                {
                    new RequestProblem(
                        RequestFields.MediaUrls,
                        $"Give one role ({string.Join(", ", Enum.GetNames(typeof(MediaRole)))}) for each reference URL, in the same order; {urls.Count} URLs and {roles.Count} roles were given."),
                });
            }

            return urls.Zip(roles, (url, role) => new MediaReference(url, role)).ToList();
        }

        /// <summary>How the prompt describes a reference of <paramref name="role"/>, after "Reference N".</summary>
        public static string RoleSentence(MediaRole role) => role switch
        {
            MediaRole.Character => "is the character: keep their face, body and clothing consistent.",
            MediaRole.Motion => "is the motion reference: follow its movement and timing.",
            MediaRole.Style => "is the style reference: match its look, colours and lighting.",
            MediaRole.SourceVideo => "is the source video to edit.",
            MediaRole.PreviousClip => "is the previous clip to continue from.",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown media role."),
        };

        private static string Sentence(string part)
        {
            var trimmed = part.Trim();
            return trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal) || trimmed.EndsWith("?", StringComparison.Ordinal)
                ? trimmed
                : trimmed + ".";
        }

        private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

        private static void AddIfProblem(List<RequestProblem> problems, RequestProblem? problem)
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }
    }
}
