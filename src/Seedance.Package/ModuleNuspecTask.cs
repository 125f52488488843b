using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using Microsoft.Build.Utilities;

// Writes the nuspec that Publish-PSResource would write for the module, from Seedance.psd1 (the one home of the
// module's version, description, tags and cmdlet list). Compiled by MSBuild's RoslynCodeTaskFactory at pack time.
public sealed class WriteModuleNuspec : Task
{
    public string Manifest { get; set; } = string.Empty;

    public string ModuleFolder { get; set; } = string.Empty;

    public string Nuspec { get; set; } = string.Empty;

    // The readme's file name at the package root.
    public string Readme { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public override bool Execute()
    {
        var text = File.ReadAllText(Manifest);
        Version = Scalar(text, "ModuleVersion");
        var cmdlets = List(text, "CmdletsToExport");
        var tags = List(text, "Tags")
            .Concat(new[] { "PSModule" })
            .Concat(cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }))
            .Concat(cmdlets.Length > 0 ? new[] { "PSIncludes_Cmdlet" } : new string[0])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var source = Path.Combine(ModuleFolder, Version).Replace('\\', '/').TrimEnd('/');
        var nuspec =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
            "<package xmlns=\"http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd\">\n" +
            "  <metadata>\n" +
            "    <id>Seedance</id>\n" +
            $"    <version>{Xml(Version)}</version>\n" +
            $"    <authors>{Xml(Scalar(text, "Author"))}</authors>\n" +
            $"    <owners>{Xml(Scalar(text, "CompanyName"))}</owners>\n" +
            "    <requireLicenseAcceptance>false</requireLicenseAcceptance>\n" +
            "    <license type=\"expression\">MIT</license>\n" +
            $"    <projectUrl>{Xml(Scalar(text, "ProjectUri"))}</projectUrl>\n" +
            $"    <description>{Xml(Scalar(text, "Description"))}</description>\n" +
            $"    <readme>{Xml(Readme)}</readme>\n" +
            $"    <releaseNotes>{Xml(Scalar(text, "ReleaseNotes"))}</releaseNotes>\n" +
            $"    <copyright>{Xml(Scalar(text, "Copyright"))}</copyright>\n" +
            $"    <tags>{Xml(string.Join(" ", tags))}</tags>\n" +
            "  </metadata>\n" +
            "  <files>\n" +
            $"    <file src=\"{Xml(source)}/**/*\" target=\"\" />\n" +
            "  </files>\n" +
            "</package>\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Nuspec)));
        File.WriteAllText(Nuspec, nuspec);
        return !Log.HasLoggedErrors;
    }

    private string Scalar(string text, string key)
    {
        var match = Regex.Match(text, @"(?m)^\s*" + key + @"\s*=\s*'(?<value>(?:[^']|'')*)'");
        if (!match.Success)
        {
            Log.LogError($"{Manifest}: {key} = '...' is missing; the package needs it.");
            return string.Empty;
        }

        return match.Groups["value"].Value.Replace("''", "'");
    }

    private static string[] List(string text, string key)
    {
        var match = Regex.Match(text, @"(?s)\b" + key + @"\s*=\s*@\((?<items>.*?)\)");
        return match.Success
            ? Regex.Matches(match.Groups["items"].Value, "'(?<item>[^']+)'").Cast<Match>().Select(m => m.Groups["item"].Value).ToArray()
            : new string[0];
    }

    private static string Xml(string value) => SecurityElement.Escape(value);
}
