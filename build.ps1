#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the Seedance module.
.DESCRIPTION
    Tasks: Build (dotnet build into out/Seedance), Test (dotnet test, then the Pester 5 suites in a child pwsh),
    Package (versioned module folder and .nupkg under out/package), Demo (sandbox + submit, wait, save),
    Bench (the benchmark table, written to docs/performance.md; under 10 minutes), Soak (the fault soak; a few
    minutes), Clean.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Build, Bench
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Soak', 'Clean')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/Seedance'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'Seedance.sln') -c $Configuration
}

function Invoke-Test {
    Invoke-Dotnet test (Join-Path $root 'Seedance.sln') -c $Configuration
    # A loaded assembly cannot be unloaded: Pester runs in a child pwsh so the next build can overwrite the module.
    $pester = {
        param($Root)
        $ErrorActionPreference = 'Stop'
        if (-not (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' })) {
            Install-Module -Name Pester -MinimumVersion 5.0 -Scope CurrentUser -Force -SkipPublisherCheck
        }
        Import-Module Pester -MinimumVersion 5.0
        $config = New-PesterConfiguration
        $config.Run.Path = Join-Path $Root 'tests/Pester'
        $config.Run.Exit = $true
        $config.Output.Verbosity = 'Detailed'
        Invoke-Pester -Configuration $config
    }
    $shell = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    & $shell -NoProfile -NonInteractive -Command $pester -args $root
    if ($LASTEXITCODE -ne 0) { throw "Pester failed with exit code $LASTEXITCODE." }
}

function Invoke-Package {
    # The same as the plain `dotnet pack src/Seedance.Package -c Release`: the versioned module folder
    # out/package/Seedance/<version>/ and out/package/Seedance.<version>.nupkg, ready for a local PSResource repository.
    Invoke-Dotnet pack (Join-Path $root 'src/Seedance.Package/Seedance.Package.csproj') -c Release
    Get-ChildItem -Path (Join-Path $root 'out/package') -Filter 'Seedance.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-Demo {
    Invoke-Build
    # The built sandbox itself, not `dotnet run`: stopping `dotnet run` would leave the sandbox it started running.
    $sandboxProgram = Join-Path $root "src/Seedance.Sandbox/bin/$Configuration/net10.0/Seedance.Sandbox.dll"
    $port = Get-Random -Minimum 20000 -Maximum 40000
    $sandbox = Start-Process -FilePath 'dotnet' -ArgumentList @($sandboxProgram, '--port', $port, '--ignore-stdin') -PassThru -NoNewWindow
    try {
        $baseUri = "http://127.0.0.1:$port"
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($true) {
            try { Invoke-RestMethod "$baseUri/_sandbox/health" | Out-Null; break }
            catch { if ([DateTime]::UtcNow -gt $deadline) { throw 'The sandbox did not start within 60 seconds.' } ; Start-Sleep -Milliseconds 250 }
        }
        $demo = {
            param($BaseUri, $ModuleManifest, $OutDir)
            $ErrorActionPreference = 'Stop'
            Import-Module $ModuleManifest
            Set-SeedanceConfiguration -BaseUri $BaseUri
            $env:SEEDANCE_API_KEY = 'sk_test_sandbox'
            'A glass train crossing a snowy mountain bridge', 'A paper boat on a rainy street' |
                New-SeedanceVideo -Duration 5 |
                Wait-SeedanceTask |
                Save-SeedanceVideo -Path $OutDir
        }
        $outDir = Join-Path $root 'out/demo'
        New-Item -ItemType Directory -Path $outDir -Force | Out-Null
        $shell = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
        & $shell -NoProfile -NonInteractive -Command $demo -args $baseUri, (Join-Path $moduleOut 'Seedance.psd1'), $outDir
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-Process -Id $sandbox.Id -ErrorAction SilentlyContinue
    }
}

function Invoke-Bench {
    Invoke-Dotnet run --project (Join-Path $root 'bench/Seedance.Benchmarks') -c Release -- all
}

function Invoke-Soak {
    Invoke-Dotnet run --project (Join-Path $root 'bench/Seedance.Benchmarks') -c Release -- soak
}

function Invoke-Clean {
    foreach ($path in @('out') + (Get-ChildItem -Path $root -Include 'bin', 'obj' -Recurse -Directory).FullName) {
        if (Test-Path $path) { Remove-Item -Path $path -Recurse -Force }
    }
}

foreach ($name in $Task) {
    Write-Host "==> $name" -ForegroundColor Cyan
    & "Invoke-$name"
}
