#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the Seedance module.
.DESCRIPTION
    Tasks: Build (dotnet build into out/Seedance), Test (dotnet test, then every Pester 5 suite in a child pwsh or
    Windows PowerShell), Package (versioned module folder and .nupkg under out/package), Demo (sandbox + submit,
    wait, save), Bench (the benchmark table, written to docs/performance.md; under 10 minutes), Soak (the fault soak;
    a few minutes), Clean.

    On a machine with only the .NET SDK, run it with the pinned PowerShell: dotnet tool restore, then
    dotnet pwsh ./build.ps1. Pester 5.9.1 comes from NuGet (tests/Pester/PesterModule.csproj), never Install-Module.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Pester -VaultSituation Ready -SecretModulesPath ../shared/tools/powershell-modules
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Demo', 'Bench', 'Soak', 'Clean')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The machine the Pester suites see, always in a throwaway HOME: Absent (no SecretManagement), NotSetUp (the real
    # SecretManagement and SecretStore installed, the store never set up) or Ready (the store set up without a
    # password and registered as the default vault). NotSetUp and Ready need -SecretModulesPath.
    [ValidateSet('Absent', 'NotSetUp', 'Ready')]
    [string] $VaultSituation = 'Absent',

    # A folder holding Microsoft.PowerShell.SecretManagement and Microsoft.PowerShell.SecretStore.
    [string] $SecretModulesPath
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/Seedance'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    Invoke-Dotnet build (Join-Path $root 'Seedance.sln') -c $Configuration
}

function Get-ChildShell {
    # The PowerShell running this script, started afresh: under the dotnet tool, (Get-Process -Id $PID).Path is
    # dotnet itself, and "pwsh" may not be on PATH at all.
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    }
    else {
        $name = 'powershell.exe'
    }
    Join-Path $PSHOME $name
}

function Invoke-InThrowawayHome {
    # Runs $Script with HOME and the per-user data folders pointing at a new empty folder, so nothing it starts reads
    # or writes the user's journal, vault or modules; restores them afterwards.
    param([scriptblock] $Script)
    $throwaway = Join-Path ([System.IO.Path]::GetTempPath()) ('seedance-home-' + [guid]::NewGuid().ToString('N'))
    $names = 'HOME', 'USERPROFILE', 'LOCALAPPDATA', 'APPDATA', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME',
        'SEEDANCE_API_KEY', 'SEEDANCE_BASE_URI', 'SEEDANCE_JOURNAL', 'SEEDANCE_JOURNAL_PATH',
        'SEEDANCE_RATE_LIMIT_SCOPE', 'SEEDANCE_RATE_LEDGER_PATH',
        'DOTNET_CLI_HOME', 'NUGET_PACKAGES'
    $saved = @{}
    foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        New-Item -ItemType Directory -Path $throwaway | Out-Null
        # dotnet and NuGet keep their caches where they were, so the sandbox started by the suites still runs.
        $env:DOTNET_CLI_HOME = if ($saved['DOTNET_CLI_HOME']) { $saved['DOTNET_CLI_HOME'] } else { [Environment]::GetFolderPath('UserProfile') }
        $env:NUGET_PACKAGES = if ($saved['NUGET_PACKAGES']) { $saved['NUGET_PACKAGES'] } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $env:HOME = $throwaway
        $env:USERPROFILE = $throwaway
        $env:LOCALAPPDATA = Join-Path $throwaway 'AppData/Local'
        $env:APPDATA = Join-Path $throwaway 'AppData/Roaming'
        $env:XDG_DATA_HOME = Join-Path $throwaway '.local/share'
        $env:XDG_CONFIG_HOME = Join-Path $throwaway '.config'
        $env:XDG_CACHE_HOME = Join-Path $throwaway '.cache'
        foreach ($name in 'SEEDANCE_API_KEY', 'SEEDANCE_BASE_URI', 'SEEDANCE_JOURNAL', 'SEEDANCE_JOURNAL_PATH', 'SEEDANCE_RATE_LIMIT_SCOPE') {
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        # Windows finds %LOCALAPPDATA% without the variable: the shared rate ledger is moved explicitly.
        $env:SEEDANCE_RATE_LEDGER_PATH = Join-Path $throwaway 'rate-limit'
        & $Script
    }
    finally {
        foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item -Path $throwaway -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-TestTask {
    Invoke-Dotnet test (Join-Path $root 'Seedance.sln') -c $Configuration
    Invoke-PesterTask
}

function Invoke-PesterTask {
    # A loaded assembly cannot be unloaded: Pester runs in a child shell so the next build can overwrite the module.
    Invoke-Dotnet build (Join-Path $root 'tests/Pester/PesterModule.csproj') -c $Configuration
    if ($VaultSituation -ne 'Absent' -and -not $SecretModulesPath) {
        throw "-VaultSituation $VaultSituation needs -SecretModulesPath (the folder holding SecretManagement and SecretStore)."
    }
    $secretModules = if ($VaultSituation -ne 'Absent') { (Resolve-Path $SecretModulesPath).Path } else { '' }
    $shell = Get-ChildShell
    $resultPath = Join-Path $root "out/TestResults/pester-$($VaultSituation.ToLowerInvariant()).xml"
    New-Item -ItemType Directory -Path (Split-Path $resultPath) -Force | Out-Null
    Invoke-InThrowawayHome {
        if ($VaultSituation -eq 'Ready') {
            # The documented non-interactive set-up, in the throwaway HOME.
            $setUp = "`$env:PSModulePath = '$secretModules' + [IO.Path]::PathSeparator + `$env:PSModulePath; " +
                'Reset-SecretStore -Scope CurrentUser -Authentication None -Interaction None -Force -WarningAction SilentlyContinue; ' +
                'Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault'
            & $shell -NoProfile -NonInteractive -Command $setUp
            if ($LASTEXITCODE -ne 0) { throw "Setting up the SecretStore failed with exit code $LASTEXITCODE." }
        }
        Write-Host "Pester suites, vault situation: $VaultSituation"
        & $shell -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-PesterSuites.ps1') `
            -ModulesPath (Join-Path $root 'out/modules') -SecretModulesPath $secretModules -ResultPath $resultPath
        if ($LASTEXITCODE -ne 0) { throw "Pester failed with exit code $LASTEXITCODE." }
    }
}

function Invoke-PackageTask {
    # The same as the plain `dotnet pack src/Seedance.Package -c Release`: the versioned module folder
    # out/package/Seedance/<version>/ and out/package/Seedance.<version>.nupkg, ready for a local PSResource repository.
    Invoke-Dotnet pack (Join-Path $root 'src/Seedance.Package/Seedance.Package.csproj') -c Release
    Get-ChildItem -Path (Join-Path $root 'out/package') -Filter 'Seedance.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-DemoTask {
    # The demo shows only what the module prints: the build's lines go to a log, shown only if the build fails, and
    # the sandbox's console lines to another.
    $demoDir = Join-Path $root 'out/demo'
    $videos = Join-Path $demoDir 'videos'
    New-Item -ItemType Directory -Path $videos -Force | Out-Null
    $buildLog = Join-Path $demoDir 'build.log'
    Write-Host "Building the module (log: $buildLog)..."
    & dotnet build (Join-Path $root 'Seedance.sln') -c $Configuration > $buildLog
    if ($LASTEXITCODE -ne 0) {
        Get-Content -Path $buildLog | Write-Host
        throw "The build failed with exit code $LASTEXITCODE."
    }

    # The built sandbox itself, not `dotnet run`: stopping `dotnet run` would leave the sandbox it started running.
    $sandboxProgram = Join-Path $root "src/Seedance.Sandbox/bin/$Configuration/net10.0/Seedance.Sandbox.dll"
    $port = Get-Random -Minimum 20000 -Maximum 40000
    $sandbox = Start-Process -FilePath 'dotnet' -ArgumentList @($sandboxProgram, '--port', $port, '--ignore-stdin') -PassThru `
        -RedirectStandardOutput (Join-Path $demoDir 'sandbox.log') -RedirectStandardError (Join-Path $demoDir 'sandbox.err.log')
    try {
        $baseUri = "http://127.0.0.1:$port/"
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($true) {
            try { Invoke-RestMethod "$($baseUri)_sandbox/health" | Out-Null; break }
            catch {
                if ($sandbox.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "The sandbox did not start; see $demoDir/sandbox.err.log." }
                Start-Sleep -Milliseconds 250
            }
        }
        # What a user types, in a fresh shell; the demo journals into out/demo, never into the user's journal.
        $demo = {
            param($BaseUri, $ModuleManifest, $Videos, $Journal)
            $ErrorActionPreference = 'Stop'
            Import-Module $ModuleManifest
            Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $Journal
            $env:SEEDANCE_API_KEY = 'sk_test_sandbox'
            'A glass train crossing a snowy mountain bridge', 'A paper boat on a rainy street' |
                New-SeedanceVideo -Duration 5 |
                Wait-SeedanceTask |
                Save-SeedanceVideo -Path $Videos |
                Format-Table Name, Length, LastWriteTime -AutoSize | Out-String | Write-Host
            Write-Host "The videos are in $Videos"
        }
        & (Get-ChildShell) -NoProfile -NonInteractive -Command $demo -args $baseUri, (Join-Path $moduleOut 'Seedance.psd1'), $videos, (Join-Path $demoDir 'journal.jsonl')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-Process -Id $sandbox.Id -ErrorAction SilentlyContinue
    }
}

function Invoke-BenchTask {
    Invoke-Dotnet run --project (Join-Path $root 'bench/Seedance.Benchmarks') -c Release -- all
}

function Invoke-SoakTask {
    Invoke-Dotnet run --project (Join-Path $root 'bench/Seedance.Benchmarks') -c Release -- soak
}

function Invoke-CleanTask {
    foreach ($path in @('out') + (Get-ChildItem -Path $root -Include 'bin', 'obj' -Recurse -Directory).FullName) {
        if (Test-Path $path) { Remove-Item -Path $path -Recurse -Force }
    }
}

function Enter-TestQueue {
    # Test runs on one machine take turns, one per processor: the suites wait on real servers and processes, and more
    # runs at once than processors make each slower than all in turn (and time out what a lone run never does).
    $slots = [Math]::Max(1, [Environment]::ProcessorCount)
    $folder = [System.IO.Path]::GetTempPath()
    $said = $false
    while ($true) {
        foreach ($slot in 1..$slots) {
            try {
                return [System.IO.File]::Open((Join-Path $folder "seedance-test-run.$slot.lock"), 'OpenOrCreate', 'ReadWrite', 'None')
            }
            catch [System.IO.IOException] {
                # That slot is taken; try the next.
            }
        }
        if (-not $said) {
            Write-Host "$slots other Seedance test runs are using this machine; this one starts when one ends."
            $said = $true
        }
        Start-Sleep -Seconds 2
    }
}

$queue = if ($Task -contains 'Test' -or $Task -contains 'Pester') { Enter-TestQueue } else { $null }
try {
    foreach ($name in $Task) {
        Write-Host "==> $name" -ForegroundColor Cyan
        & "Invoke-${name}Task"
    }
}
finally {
    if ($queue) { $queue.Dispose() }
}
