# Several processes on one account: -Processes background jobs (Start-Job: each its own pwsh process), each running the
# module's one-liner over its own -Tasks prompts (render times -Renders, comma-separated seconds). The sandbox's log measures the makespan and the 429s.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Key,
    [Parameter(Mandatory)] [string] $Folder,
    [int] $Processes = 3,
    [int] $Tasks = 8,
    [int] $RateLimit = 30,
    [double] $RateWindowSeconds = 60,
    [Parameter(Mandatory)] [string] $Renders
)

$ErrorActionPreference = 'Stop'
$seconds = $Renders -split ','
$jobs = foreach ($p in 1..$Processes) {
    $prompts = foreach ($t in 1..$Tasks) { "process $p clip $t [takes:$($seconds[($p - 1) * $Tasks + $t - 1])]" }
    Start-Job -ArgumentList $ModuleManifest, $BaseUri, $Key, $Folder, $RateLimit, $RateWindowSeconds, $prompts -ScriptBlock {
        param($ModuleManifest, $BaseUri, $Key, $Folder, $RateLimit, $RateWindowSeconds, $Prompts)
        $ErrorActionPreference = 'Stop'
        Import-Module $ModuleManifest
        Set-SeedanceConfiguration -BaseUri $BaseUri -RateLimit $RateLimit -RateLimitWindowSeconds $RateWindowSeconds
        $env:SEEDANCE_API_KEY = $Key
        $Prompts | New-SeedanceVideo -Confirm:$false | Wait-SeedanceTask | Save-SeedanceVideo -Path $Folder -Confirm:$false | Out-Null
    }
}

$jobs | Wait-Job | Receive-Job
$failed = @($jobs | Where-Object State -ne 'Completed')
$jobs | Remove-Job
if ($failed.Count -gt 0) {
    throw "$($failed.Count) job(s) did not complete."
}
