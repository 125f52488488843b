# The homes of each task field: for every stored property of SeedanceTask, the files of src/ that map it (issue 15:
# at most 4; adding a field should touch SeedanceTask.cs and the JSON mapping, TaskMapper.cs, alone).
# Run from the repository root: dotnet pwsh -NoProfile -File bench/task-field-homes.ps1 [-Limit 4]
# It prints one row per field and exits 1 when a field has more homes than -Limit.
#
# A file maps field P when, by Roslyn's semantic model (the C# compiler pwsh ships, no build needed), it
#   - declares P (SeedanceTask.cs itself),
#   - writes P on a SeedanceTask: an assignment, a ??=, or an object initializer of a task; that is every shape made
#     into a task (the API's JSON, a request body read back, a 0.1.0 journal line, an id typed as -Id), and the one
#     rule for what the API does not echo (SeedanceTask.FillFrom), or
#   - copies P out of a task into a member of another type (P = task.P on anything but a task): a task flattened into
#     another shape (an exception, a journal event, a wire object).
# Not mappings: reading P to act on it or to word a message (a status check, a download of VideoUrl, credit sums, a
# progress line), or passing the whole task on. The journal stores the task itself (JSON of SeedanceTask), so it names
# no field. A request field (prompt, resolution, duration, seed...) is also named by VideoRequest, its validator,
# RequestFields and the cmdlet parameter that binds it: those are the request's homes, not the task's, and are not
# counted here. src/Seedance.Sandbox stands in for the server and keeps its own model on purpose (docs/style.md);
# it, the help builder, the loader and the packager are not read.
param(
    [int] $Limit = 4,
    [string] $Root = (Get-Location).Path
)
$ErrorActionPreference = 'Stop'
$codeAnalysis = 'Microsoft.CodeAnalysis', 'Microsoft.CodeAnalysis.CSharp' | ForEach-Object { Join-Path $PSHOME "$_.dll" }
# CS1701: pwsh's Roslyn was built against an older System.Runtime than the one it runs on; the two match.
Add-Type -IgnoreWarnings -WarningAction SilentlyContinue -ReferencedAssemblies ($codeAnalysis + 'System.Collections', 'System.Collections.Immutable', 'System.Linq', 'System.Runtime', 'netstandard') -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

public static class TaskFieldHomes
{
    public static SortedDictionary<string, SortedSet<string>> Find(string[] files, string[] references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file)).ToArray();
        var compilation = CSharpCompilation.Create(
            "TaskFieldHomes",
            trees,
            references.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var task = compilation.GetTypeByMetadataName("Seedance.SeedanceTask") ?? throw new InvalidOperationException("SeedanceTask not found.");
        var homes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var field in task.GetMembers().OfType<IPropertySymbol>().Where(p => p.SetMethod is not null && p.DeclaredAccessibility == Accessibility.Public))
        {
            homes[field.Name] = new SortedSet<string>(field.Locations.Select(l => l.SourceTree!.FilePath), StringComparer.Ordinal);
        }

        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => homes.ContainsKey(n.Identifier.ValueText)))
            {
                if (model.GetSymbolInfo(name).Symbol is not IPropertySymbol symbol || !SymbolEqualityComparer.Default.Equals(symbol.ContainingType, task))
                {
                    continue;
                }

                // The name, or the member access ending in it, as the left side of an assignment: a write on a task.
                ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                var written = target.Parent is AssignmentExpressionSyntax assigned && assigned.Left == target;

                // The value itself (through ?., ?? and parentheses) as the right side of a plain assignment to another
                // type's member: copied into another shape. A sum (+=) or a value computed from it is a use.
                SyntaxNode value = target;
                while (value.Parent is ConditionalAccessExpressionSyntax or ParenthesizedExpressionSyntax or MemberBindingExpressionSyntax
                    || (value.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression)))
                {
                    value = value.Parent;
                }

                var copied = !written && value.Parent is AssignmentExpressionSyntax copy && copy.IsKind(SyntaxKind.SimpleAssignmentExpression) && copy.Right == value
                    && model.GetSymbolInfo(copy.Left).Symbol is IPropertySymbol or IFieldSymbol
                    && !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(copy.Left).Symbol!.ContainingType, task);

                if (written || copied)
                {
                    homes[symbol.Name].Add(tree.FilePath);
                }
            }
        }

        return homes;
    }
}
'@

$folders = 'src/Seedance.Client', 'src/Seedance' | ForEach-Object { Join-Path $Root $_ }
$files = @($folders | ForEach-Object { Get-ChildItem -Path $_ -Filter *.cs -Recurse -File } |
    Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' } | ForEach-Object FullName)
# The runtime's and pwsh's own assemblies resolve System.*, System.Text.Json and System.Management.Automation; what
# stays unresolved (Polly) never holds a task.
$references = @(([System.AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES') -split [System.IO.Path]::PathSeparator) +
    (Join-Path $PSHOME 'System.Management.Automation.dll')) | Where-Object { $_ } | Select-Object -Unique
$homes = [TaskFieldHomes]::Find($files, $references)

$rootPrefix = [System.IO.Path]::GetFullPath($Root).TrimEnd('/', '\') + [System.IO.Path]::DirectorySeparatorChar
$over = 0
foreach ($field in $homes.Keys) {
    $set = $homes[$field]
    $relative = @($set | ForEach-Object { $_.Substring($rootPrefix.Length) -replace '\\', '/' -replace '^src/', '' })
    if ($set.Count -gt $Limit) { $over++ }
    '{0,-16} {1}  {2}' -f $field, $set.Count, ($relative -join ', ')
}

'{0} fields; the most homes: {1}; over {2}: {3}' -f $homes.Count, ($homes.Values | ForEach-Object Count | Measure-Object -Maximum).Maximum, $Limit, $over
if ($over -gt 0) { exit 1 }
