# Per call, on real pwsh: Get-SeedanceTask -Id with the key from the real SecretStore against the same call with the
# key from SEEDANCE_API_KEY (issue 16 item 2: vault key <= 1.1x the environment key).
# Run from the repository root after a Release build, with the folder that holds Microsoft.PowerShell.SecretManagement
# and Microsoft.PowerShell.SecretStore:
#   dotnet pwsh -NoProfile -File bench/vault-key.ps1 -SecretModulesPath ../shared/tools/powershell-modules [-Rounds 9]
# A child pwsh in a throwaway HOME sets the store up without a password (as build.ps1 -VaultSituation Ready does),
# stores the key with Set-SeedanceApiKey, submits one task, then times interleaved rounds of calls, one round per key
# source after a warm-up round of each. Prints the median time per call of each source and their ratio.
param(
    [Parameter(Mandatory)] [string] $SecretModulesPath,
    [int] $Rounds = 9,
    [int] $Calls = 200,
    # Another build of the module to measure (an earlier one, for a before/after comparison).
    [string] $Manifest = (Join-Path (Get-Location).Path 'out/Seedance/Seedance.psd1')
)
$ErrorActionPreference = 'Stop'
$root = (Get-Location).Path
Import-Module (Join-Path $root 'tests/Pester/SandboxHelpers.psm1') -Force
$secretModules = (Resolve-Path $SecretModulesPath).Path

$measure = {
    param([string] $Manifest, [string] $SecretModules, [string] $BaseUri, [string] $Key, [int] $Calls, [int] $Rounds)
    $ErrorActionPreference = 'Stop'
    $env:PSModulePath = $SecretModules + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
    Reset-SecretStore -Scope CurrentUser -Authentication None -Interaction None -Force -WarningAction SilentlyContinue
    Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
    Import-Module $Manifest
    Set-SeedanceConfiguration -BaseUri $BaseUri -NoJournal
    Set-SeedanceApiKey -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force)
    $env:SEEDANCE_API_KEY = $Key
    $id = (New-SeedanceVideo -Prompt 'A paper boat on a rainy street' -Confirm:$false).Id
    $perCall = @{ Environment = [System.Collections.Generic.List[double]]::new(); Vault = [System.Collections.Generic.List[double]]::new() }
    $clock = [System.Diagnostics.Stopwatch]::new()
    foreach ($round in 0..$Rounds) {
        foreach ($source in 'Environment', 'Vault') {
            $env:SEEDANCE_API_KEY = if ($source -eq 'Environment') { $Key } else { $null }
            $clock.Restart()
            for ($i = 0; $i -lt $Calls; $i++) { $null = Get-SeedanceTask -Id $id }
            $clock.Stop()
            # Round 0 warms both paths up (JIT, the vault's first read, the connection pool).
            if ($round -gt 0) { $perCall[$source].Add($clock.Elapsed.TotalMilliseconds / $Calls) }
        }
    }
    foreach ($source in 'Environment', 'Vault') {
        $sorted = [double[]] ($perCall[$source] | Sort-Object)
        "$source $($sorted[[int][math]::Floor(($sorted.Count - 1) / 2)])"
    }
}

$sandbox = Start-TestSandbox -ProcessingSeconds 0.1 -RateLimit 1000000 -RateWindowSeconds 1
$throwaway = Join-Path ([System.IO.Path]::GetTempPath()) ('seedance-bench-home-' + [guid]::NewGuid().ToString('N'))
$names = 'HOME', 'USERPROFILE', 'LOCALAPPDATA', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'SEEDANCE_API_KEY'
$saved = @{}
foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
try {
    $null = New-Item -ItemType Directory -Path $throwaway
    $env:HOME = $throwaway; $env:USERPROFILE = $throwaway; $env:LOCALAPPDATA = Join-Path $throwaway 'AppData/Local'
    $env:XDG_DATA_HOME = Join-Path $throwaway '.local/share'; $env:XDG_CONFIG_HOME = Join-Path $throwaway '.config'
    $env:SEEDANCE_API_KEY = $null
    $lines = & (Get-TestShellPath) -NoProfile -NonInteractive -Command $measure -args (Resolve-Path $Manifest).Path, $secretModules, $sandbox.BaseUri.AbsoluteUri, $sandbox.ApiKey, $Calls, $Rounds
    if ($LASTEXITCODE -ne 0) { throw "The measuring shell failed with exit code $LASTEXITCODE." }
}
finally {
    foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    $sandbox | Stop-TestSandbox
    Remove-Item -LiteralPath $throwaway -Recurse -Force -ErrorAction SilentlyContinue
}

$median = @{}
foreach ($line in $lines) {
    $source, $ms = "$line".Split(' ')
    $median[$source] = [double]::Parse($ms, [System.Globalization.CultureInfo]::InvariantCulture)
}
$load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
'key from SEEDANCE_API_KEY   {0,8:N3} ms per call' -f $median['Environment']
'key from the SecretStore    {0,8:N3} ms per call' -f $median['Vault']
'vault / environment         {0,8:N2}x   ({1} rounds x {2} calls, medians; PowerShell {3}; {4} cores; load {5})' -f ($median['Vault'] / $median['Environment']), $Rounds, $Calls, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $load
