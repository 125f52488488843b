# Save-SeedanceVideo against the sandbox: resume after a cut, skip unless -Force, clear errors, the one-liner.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1') -Force
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0.5 -RateLimit 30 -RateWindowSeconds 2
    $script:key = ConvertTo-SecureString -String $sandbox.ApiKey -AsPlainText -Force
    Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri -RateLimit 30 -RateLimitWindowSeconds 2 -NoJournal
    $script:dir = Join-Path ([System.IO.Path]::GetTempPath()) ("seedance-pester-save-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null

    function Get-Downloads {
        @(Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log')) | Where-Object { $_.path -like '/results/*' })
    }
}

AfterAll {
    Set-SeedanceConfiguration -Reset
    if ($sandbox) { $sandbox | Stop-TestSandbox }
    if ($dir -and (Test-Path $dir)) { Remove-Item -Recurse -Force $dir }
}

Describe 'Save-SeedanceVideo' {
    BeforeEach {
        Get-ChildItem -Path $dir -Force | Remove-Item -Force
    }

    It 'resumes a download cut at 40% with a Range request' {
        $task = New-SeedanceVideo -Prompt 'a cut download' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $length = (Invoke-WebRequest -Uri $task.VideoUrl -Method Head -UseBasicParsing).Headers['Content-Length'] | Select-Object -First 1
        $body = @{ kind = 'CutDownload'; after_bytes = [long]([long]$length * 0.4) } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $body -ContentType 'application/json' | Out-Null
        $before = (Get-Downloads).Count
        $file = $task | Save-SeedanceVideo -Path $dir -ApiKey $key
        $file.Length | Should -Be ([long]$length)
        $after = Get-Downloads
        $after[-1].status | Should -Be 206
        $after.Count - $before | Should -BeGreaterOrEqual 2
        Get-ChildItem -Path $dir -Force | Should -HaveCount 1
    }

    It 'skips an existing file unless -Force' {
        $task = New-SeedanceVideo -Prompt 'a skipped download' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key | Out-Null
        $before = (Get-Downloads).Count
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key | Should -BeOfType System.IO.FileInfo
        (Get-Downloads).Count | Should -Be $before
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key -Force | Out-Null
        (Get-Downloads).Count | Should -Be ($before + 1)
    }

    It 'saves the last frame with -IncludeLastFrame' {
        $task = New-SeedanceVideo -Prompt 'a clip with a frame' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $files = Save-SeedanceVideo -Id $task.Id -Path $dir -IncludeLastFrame -ApiKey $key
        ($files | ForEach-Object Extension | Sort-Object) | Should -Be @('.mp4', '.png')
    }

    It 'refuses a task that is not completed, suggesting Wait-SeedanceTask' {
        $task = New-SeedanceVideo -Prompt 'not done yet [takes:3600]' -ApiKey $key
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.TaskNotCompleted*'
        $problems[0].Exception.Message | Should -Match 'Wait-SeedanceTask'
    }

    It 'is the one-liner with New-SeedanceVideo -Wait -OutFile' {
        $target = Join-Path $dir 'clip.mp4'
        $file = New-SeedanceVideo -Prompt 'a red fox in the snow' -Wait -OutFile $target -ApiKey $key
        $file.FullName | Should -Be $target
        $file.Length | Should -BeGreaterThan 0
    }
}
