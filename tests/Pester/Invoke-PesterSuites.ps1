#Requires -Version 5.1
<#
.SYNOPSIS
    Runs the Pester suites in this PowerShell, on a module path of its own. build.ps1 -Task Test starts it in a child
    pwsh (or Windows PowerShell) with a throwaway HOME; run it by hand the same way.
.DESCRIPTION
    The module path is exactly: the Pester folder restored by tests/Pester/PesterModule.csproj, the folder that holds
    the real SecretManagement and SecretStore when -SecretModulesPath is given, and $PSHOME/Modules. Nothing the
    machine has installed elsewhere is seen. Exits 0 only when every test passed and at least one ran.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuites.ps1 -ModulesPath out/modules
#>
[CmdletBinding()]
param(
    # The folder holding Pester (out/modules).
    [Parameter(Mandatory)]
    [string] $ModulesPath,

    # A folder holding Microsoft.PowerShell.SecretManagement and SecretStore; left out, neither is on the module path.
    [string] $SecretModulesPath,

    # Where to write the NUnit XML result; left out, none is written.
    [string] $ResultPath,

    # Only the tests with these tags.
    [string[]] $Tag
)

$ErrorActionPreference = 'Stop'
$separator = [System.IO.Path]::PathSeparator
$env:PSModulePath = (@($ModulesPath, $SecretModulesPath, (Join-Path $PSHOME 'Modules')) | Where-Object { $_ }) -join $separator

Import-Module Pester -RequiredVersion 5.9.1
Write-Host ("PowerShell {0} ({1}) at {2}" -f $PSVersionTable.PSVersion, $PSVersionTable.PSEdition, $PSHOME)

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($env:CI -or [Console]::IsOutputRedirected) {
    $configuration.Output.RenderMode = 'Plaintext'
}
if ($Tag) {
    $configuration.Filter.Tag = $Tag
}
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}

$result = Invoke-Pester -Configuration $configuration
# No result at all (Pester itself failed, for example writing its report) is a failure too.
if ($null -eq $result -or $result.FailedCount -gt 0 -or $result.FailedContainersCount -gt 0 -or $result.PassedCount -eq 0) {
    exit 1
}
exit 0
