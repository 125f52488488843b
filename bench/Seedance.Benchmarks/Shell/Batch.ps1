# A CSV batch on real pwsh: the module's one-liner, or the polling script a user would write without it
# (Invoke-RestMethod for every task every -PollSeconds, Invoke-WebRequest -OutFile for each result, and the cmdlets'
# own retry after a 429). The sandbox's log measures both; this prints nothing but errors.
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'Script')] [string] $Way,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Key,
    [Parameter(Mandatory)] [string] $Csv,
    [Parameter(Mandatory)] [string] $Folder,
    [int] $RateLimit = 30,
    [double] $RateWindowSeconds = 60,
    [double] $PollSeconds = 5
)

$ErrorActionPreference = 'Stop'
if ($Way -eq 'Module') {
    Import-Module $ModuleManifest
    Set-SeedanceConfiguration -BaseUri $BaseUri -RateLimit $RateLimit -RateLimitWindowSeconds $RateWindowSeconds
    $env:SEEDANCE_API_KEY = $Key
    Import-Csv $Csv | New-SeedanceVideo -Confirm:$false | Wait-SeedanceTask | Save-SeedanceVideo -Path $Folder -Confirm:$false | Out-Null
    return
}

$headers = @{ Authorization = "Bearer $Key" }
$retry = @{ MaximumRetryCount = 5; RetryIntervalSec = 1 }
$pending = [System.Collections.Generic.List[object]]::new()
foreach ($row in Import-Csv $Csv) {
    $submit = $headers + @{ 'Idempotency-Key' = [guid]::NewGuid().ToString() }
    $body = @{ prompt = $row.prompt } | ConvertTo-Json -Compress
    $pending.Add((Invoke-RestMethod -Method Post -Uri "$($BaseUri)api/v1/video/seedance2" -Headers $submit -ContentType 'application/json' -Body $body @retry))
}

while ($pending.Count -gt 0) {
    Start-Sleep -Seconds $PollSeconds
    foreach ($task in @($pending)) {
        $state = Invoke-RestMethod -Uri "$($BaseUri)api/v1/tasks/$($task.id)" -Headers $headers @retry
        if ($state.status -eq 'completed') {
            Invoke-WebRequest -Uri $state.output.video_url -OutFile (Join-Path $Folder "$($task.id).mp4") @retry
        }

        if ($state.status -ne 'processing') {
            $pending.Remove($task) | Out-Null
        }
    }
}
