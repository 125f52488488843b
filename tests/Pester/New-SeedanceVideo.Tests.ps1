#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.5 -RateLimit 30 -RateWindowSeconds 2 -Configuration @{ RetryBudgetSeconds = 60 }
    $script:key = $sandbox.Key

    function Get-SandboxLog {
        @(Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log')) | ForEach-Object { $_ })
    }

    function Get-SandboxPost {
        @(Get-SandboxLog | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/video/seedance2' })
    }

    function Invoke-SandboxAdmin([string] $Path, [hashtable] $Body) {
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, $Path)) -Body ($Body | ConvertTo-Json) -ContentType 'application/json'
    }

    # The error a call writes, whether PowerShell raised it while binding or the cmdlet wrote it.
    function Get-CallError([scriptblock] $Call) {
        try {
            & $Call
        }
        catch {
            $_
        }
    }
}

AfterAll {
    Stop-TestSession $sandbox
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'New-SeedanceVideo' {
    Context 'validation: bad input is refused, naming the parameter, and nothing is sent' {
        It 'refuses <Case>' -ForEach @(
            @{ Case = 'a 2-character prompt'; Parameters = @{ Prompt = 'ab' }; Name = 'Prompt' }
            @{ Case = 'a 10001-character prompt'; Parameters = @{ Prompt = 'x' * 10001 }; Name = 'Prompt' }
            @{ Case = 'duration 3'; Parameters = @{ Prompt = 'a cat'; Duration = 3 }; Name = 'Duration' }
            @{ Case = 'duration 16'; Parameters = @{ Prompt = 'a cat'; Duration = 16 }; Name = 'Duration' }
            @{ Case = 'seed -2'; Parameters = @{ Prompt = 'a cat'; Seed = -2 }; Name = 'Seed' }
            @{ Case = 'seed 4294967296'; Parameters = @{ Prompt = 'a cat'; Seed = 4294967296 }; Name = 'Seed' }
            @{ Case = 'a seed on the mini tier'; Parameters = @{ Prompt = 'a cat'; Seed = 7; QualityTier = 'mini' }; Name = 'Seed' }
            @{ Case = 'a seed on the real channel'; Parameters = @{ Prompt = 'a cat'; Seed = 7; Channel = 'real' }; Name = 'Seed' }
            @{ Case = '4k on the standard tier'; Parameters = @{ Prompt = 'a cat'; Resolution = '4k'; QualityTier = 'standard' }; Name = 'Resolution' }
            @{ Case = 'an unknown aspect ratio'; Parameters = @{ Prompt = 'a cat'; AspectRatio = '2:1' }; Name = 'AspectRatio' }
            @{ Case = 'an http image URL'; Parameters = @{ Prompt = 'a cat'; ImageUrl = 'http://cdn.example.com/a.png' }; Name = 'ImageUrl' }
            @{ Case = 'a malformed end image URL'; Parameters = @{ Prompt = 'a cat'; EndImageUrl = 'not a url' }; Name = 'EndImageUrl' }
            @{ Case = '13 media URLs'; Parameters = @{ Prompt = 'a cat'; MediaUrl = 1..13 | ForEach-Object { "https://cdn.example.com/$_.png" } }; Name = 'MediaUrl' }
            @{ Case = 'image-to-video without an image'; Parameters = @{ Prompt = 'a cat'; Mode = 'image-to-video' }; Name = 'ImageUrl' }
            @{ Case = 'media-to-video without media'; Parameters = @{ Prompt = 'a cat'; Mode = 'media-to-video' }; Name = 'MediaUrl' }
            @{ Case = 'an idempotency key with a line break'; Parameters = @{ Prompt = 'a cat'; IdempotencyKey = "sdps-a`r`nb" }; Name = 'IdempotencyKey' }
            @{ Case = 'an idempotency key of 256 characters'; Parameters = @{ Prompt = 'a cat'; IdempotencyKey = 'k' * 256 }; Name = 'IdempotencyKey' }
        ) {
            $before = (Get-SandboxLog).Count
            $failure = Get-CallError { New-SeedanceVideo @Parameters -ApiKey $key -ErrorAction Stop }

            $failure | Should -Not -BeNullOrEmpty
            "$failure" | Should -Match ("'{0}'|-{0} " -f $Name)
            (Get-SandboxLog).Count | Should -Be $before
        }

        It 'refuses <Case>, naming the parameter and never showing the user info' -ForEach @(
            @{ Case = 'an image URL with a password in it'; Parameters = @{ Prompt = 'a cat'; ImageUrl = 'https://me:pw-s3cr3t@cdn.example.com/a.png' }; Name = 'ImageUrl'; Secret = 'pw-s3cr3t' }
            @{ Case = 'an end image URL with a password in it'; Parameters = @{ Prompt = 'a cat'; ImageUrl = 'https://cdn.example.com/a.png'; EndImageUrl = 'https://me:pw-s3cr3t@cdn.example.com/b.png' }; Name = 'EndImageUrl'; Secret = 'pw-s3cr3t' }
            @{ Case = 'a media URL with a password in it'; Parameters = @{ Prompt = 'a cat'; MediaUrl = 'https://cdn.example.com/a.mp4', 'https://me:pw-s3cr3t@cdn.example.com/b.mp4' }; Name = 'MediaUrl'; Secret = 'pw-s3cr3t' }
            @{ Case = 'a media URL with a user name in it'; Parameters = @{ Prompt = 'a cat'; MediaUrl = 'https://user-s3cr3t@cdn.example.com/a.mp4' }; Name = 'MediaUrl'; Secret = 'user-s3cr3t' }
        ) {
            $before = (Get-SandboxLog).Count
            $failure = Get-CallError { New-SeedanceVideo @Parameters -ApiKey $key -ErrorAction Stop }

            $failure | Should -Not -BeNullOrEmpty
            "$failure" | Should -Match ("'{0}'|-{0} " -f $Name)
            ($failure | Out-String) + $failure.Exception.ToString() | Should -Not -BeLike "*$Secret*"
            (Get-SandboxLog).Count | Should -Be $before
        }

        It 'refuses -OutFile with -OutputPath while binding, before any request' {
            $before = (Get-SandboxLog).Count
            $failure = Get-CallError { New-SeedanceVideo 'a cat' -Wait -OutFile (Join-Path $TestDrive 'a.mp4') -OutputPath $TestDrive -ApiKey $key }

            $failure.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
            (Get-SandboxLog).Count | Should -Be $before
        }

        It 'reports a cross-field problem as a non-terminating Seedance.InvalidParameter error' {
            New-SeedanceVideo 'a cat' -Resolution 4k -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue

            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'Seedance.InvalidParameter,Seedance.Commands.NewSeedanceVideoCommand'
            $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            "$($problems[0])" | Should -Match 'Parameter -Resolution \(resolution\)'
        }
    }

    Context 'submitting' {
        It 'emits one Seedance.SeedanceTask per piped prompt and charges each once' {
            $before = (Get-SandboxPost).Count

            $tasks = 'a fox in snow', 'a fox in rain' | New-SeedanceVideo -ApiKey $key

            $tasks.Count | Should -Be 2
            $tasks | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Seedance.SeedanceTask' }
            $tasks.Status | Should -Be @('processing', 'processing')
            (Get-SandboxPost).Count | Should -Be ($before + 2)
        }

        It 'shows a fresh task''s resolution and duration, the API''s defaults included' {
            $task = New-SeedanceVideo 'a fox in snow' -ApiKey $key

            $task.Resolution | Should -BeExactly '720p'
            $task.Duration | Should -Be 5
            ($task | Format-List -Property Resolution, Duration | Out-String) | Should -Match 'Resolution\s*:\s*720p'
        }

        It 'emits -QualityTier PRO -Resolution 4K spelt as the API spells it' {
            $task = New-SeedanceVideo 'a fox in snow' -QualityTier PRO -Resolution 4K -Duration 8 -ApiKey $key

            $task.QualityTier | Should -BeExactly 'pro'
            $task.Resolution | Should -BeExactly '4k'
            $task.Duration | Should -Be 8
        }

        It 'trims a key pasted with a line break, and never sends it as is' {
            $pasted = ConvertTo-SecureString ("  {0}`r`n" -f $sandbox.ApiKey) -AsPlainText -Force

            $task = New-SeedanceVideo 'a fox in snow' -ApiKey $pasted

            $task.Status | Should -Be 'processing'
        }

        It 'refuses a key with a control character inside before anything is sent' {
            $before = (Get-SandboxLog).Count
            $broken = ConvertTo-SecureString ("sk_test`u{7}broken") -AsPlainText -Force
            if ($PSVersionTable.PSVersion.Major -lt 6) {
                $broken = ConvertTo-SecureString ("sk_test{0}broken" -f [char]7) -AsPlainText -Force
            }

            $failure = Get-CallError { New-SeedanceVideo 'a fox in snow' -ApiKey $broken -ErrorAction Stop }

            "$failure" | Should -Match '-ApiKey'
            "$failure" | Should -Not -Match 'broken'
            (Get-SandboxLog).Count | Should -Be $before
        }

        It 'sends nothing with -WhatIf' {
            $before = (Get-SandboxLog).Count

            $result = New-SeedanceVideo 'a fox in snow' -QualityTier pro -Resolution 4k -ApiKey $key -WhatIf

            $result | Should -BeNullOrEmpty
            (Get-SandboxLog).Count | Should -Be $before
        }

        It 'shows the request with -Verbose and the body with -Debug, never the key' {
            $DebugPreference = 'Continue'
            $streams = New-SeedanceVideo 'a fox in snow' -Duration 6 -ApiKey $key -Verbose 4>&1 5>&1 | ForEach-Object { "$_" }

            ($streams -join "`n") | Should -Match 'POST /api/v1/video/seedance2 -> 202'
            ($streams -join "`n") | Should -Match ([regex]::Escape('{"prompt":"a fox in snow","duration":"6"}'))
            ($streams -join "`n") | Should -Match ([regex]::Escape('Bearer [redacted]'))
            ($streams -join "`n") | Should -Not -Match ([regex]::Escape($sandbox.ApiKey))
        }

        It 'traces when the session preference asks, and the call''s own switch overrides it' {
            $VerbosePreference = 'Continue'
            $shown = New-SeedanceVideo 'a fox in snow' -ApiKey $key 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $hidden = New-SeedanceVideo 'a fox in snow' -ApiKey $key -Verbose:$false 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

            ($shown | ForEach-Object { "$_" }) -join "`n" | Should -Match 'POST /api/v1/video/seedance2 -> 202'
            $hidden | Should -BeNullOrEmpty
        }

        It 'renders its table view within 80 columns, its id, status and prompt on one line' {
            $task = New-SeedanceVideo 'a fox in snow, in a long and detailed director prompt that would never fit on one line' -ApiKey $key

            $lines = @(($task | Out-String -Width 80) -split '\r?\n' | ForEach-Object { $_ -replace '\x1b\[[0-9;]*m', '' } | Where-Object { $_.Trim() })

            $lines | Should -HaveCount 3
            $lines[0] | Should -Match '^Id\s+Status\s+Credits\s+Age\s+Prompt$'
            $lines[2] | Should -Match ('^{0}\s+processing\s+\d+\s+\d+m\d\ds a fox in snow, in a long' -f $task.Id)
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        }
    }

    Context 'CSV rows' {
        It 'binds API-named and PowerShell-named columns given as text, 40 rows with no 429' {
            $rows = 1..40 | ForEach-Object {
                if ($_ % 2) {
                    [pscustomobject]@{ prompt = "row $_ a fox in snow"; quality_tier = 'standard'; aspect_ratio = '9:16'; duration = '5'; resolution = ''; media_urls = 'https://cdn.example.com/a.png;https://cdn.example.com/b.png'; generate_audio = 'false'; fixed_lens = 'true'; seed = "$_"; idempotency_key = "pester-csv-$_" }
                }
                else {
                    [pscustomobject]@{ Prompt = "row $_ a fox in rain"; QualityTier = 'pro'; AspectRatio = '16:9'; Duration = '10'; Resolution = '1080p-plus'; ImageUrl = "https://cdn.example.com/$_.png"; MediaUrl = ''; NoAudio = ''; FixedLens = 'false'; Seed = ''; IdempotencyKey = "pester-csv-$_" }
                }
            }

            $tasks = $rows | New-SeedanceVideo -ApiKey $key

            $tasks.Count | Should -Be 40
            $tasks.IdempotencyKey | Should -Be (1..40 | ForEach-Object { "pester-csv-$_" })
            @(Get-SandboxLog | Where-Object { $_.status -eq 429 }).Count | Should -Be 0
        }
    }

    Context 'rows with empty or bad cells' {
        It 'never sends a row with <Case> as its prompt, and names the row' -ForEach @(
            @{ Case = 'an empty CSV cell'; Rows = { "prompt,duration`n,5`na red fox trots,5" | ConvertFrom-Csv } }
            @{ Case = 'a blank CSV cell'; Rows = { "prompt,duration`n   ,5`na red fox trots,5" | ConvertFrom-Csv } }
            @{ Case = 'JSON null'; Rows = { '[{"prompt":null,"duration":5},{"prompt":"a red fox trots","duration":5}]' | ConvertFrom-Json } }
            @{ Case = 'an empty property'; Rows = { [pscustomobject]@{ Prompt = '' }; [pscustomobject]@{ Prompt = 'a red fox trots' } } }
        ) {
            $rows = & $Rows
            $before = (Get-SandboxPost).Count

            $tasks = $rows | New-SeedanceVideo -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue

            @($tasks).Count | Should -Be 1
            $tasks.Prompt | Should -Be 'a red fox trots'
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'Seedance.InvalidParameter,Seedance.Commands.NewSeedanceVideoCommand'
            "$($problems[0])" | Should -Match '^Row 1 .*was not sent\. Parameter -Prompt'
            (Get-SandboxPost).Count | Should -Be ($before + 1)
        }

        It 'reads an empty switch cell as not given, never as on' {
            $manifest = Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1'
            $child = Invoke-TestShell -Command ("Import-Module '$manifest'; Set-SeedanceConfiguration -NoJournal; " +
                '"prompt,fixed_lens,no_audio,generate_audio`na red fox trots,,," | ConvertFrom-Csv | New-SeedanceVideo -WhatIf')

            $child.ExitCode | Should -Be 0
            $child.Output | Should -Match 'body: \{"prompt":"a red fox trots"\}'
        }

        It 'names the row and the start of its prompt in each bad row''s error from Import-Csv' {
            $file = Join-Path $TestDrive 'jobs.csv'
            Set-Content -Path $file -Value @(
                'prompt,duration,quality_tier,seed'
                'a red fox in snow at dawn,5,,'
                'a red fox in the rain walking slowly along a wet country road,99,,'
                'a red fox at noon,5,mini,3'
            )
            $before = (Get-SandboxPost).Count

            $tasks = Import-Csv $file | New-SeedanceVideo -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue

            @($tasks).Count | Should -Be 1
            $problems.Count | Should -Be 2
            "$($problems[0])" | Should -BeLike "Row 2 ('a red fox in the rain walking slow*') was not sent. Parameter -Duration (duration):*"
            "$($problems[1])" | Should -BeLike "Row 3 ('a red fox at noon') was not sent. Parameter -Seed (seed):*"
            (Get-SandboxPost).Count | Should -Be ($before + 1)
        }
    }

    Context 'faults and API errors' {
        It 'retries three 503s with the same key and body and charges once' {
            Invoke-SandboxAdmin '_sandbox/faults' @{ kind = 'ServiceBusy503'; count = 3 }
            $before = (Get-SandboxPost).Count

            $task = New-SeedanceVideo 'a fox under the northern lights' -ApiKey $key

            $task.Id | Should -Match '^sd2_'
            $all = @(Get-SandboxPost)
            $posts = @($all | Select-Object -Last ($all.Count - $before))
            $posts.Count | Should -Be 4
            @($posts.idempotency_key | Sort-Object -Unique).Count | Should -Be 1
            @($posts.body_sha256 | Sort-Object -Unique).Count | Should -Be 1
        }

        It 'does not retry 402 and writes Seedance.insufficient_credits (QuotaExceeded) with the request as target' {
            Invoke-SandboxAdmin '_sandbox/accounts' @{ api_key = 'sk_test_pester_poor'; credits = 1 }
            $poor = ConvertTo-SecureString 'sk_test_pester_poor' -AsPlainText -Force
            $before = (Get-SandboxPost).Count

            New-SeedanceVideo 'a fox in snow' -ApiKey $poor -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.insufficient_credits,Seedance.Commands.NewSeedanceVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
            $failures[0].TargetObject.Prompt | Should -Be 'a fox in snow'
            (Get-SandboxPost).Count | Should -Be ($before + 1)
        }

        It 'does not retry 401 and writes Seedance.unauthorized (AuthenticationError)' {
            $wrong = ConvertTo-SecureString 'sk_test_pester_wrong' -AsPlainText -Force

            New-SeedanceVideo 'a fox in snow' -ApiKey $wrong -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.unauthorized,Seedance.Commands.NewSeedanceVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$($failures[0])" | Should -Not -Match 'sk_test_pester_wrong'
        }
    }

    Context '-Wait with -OutFile and -OutputPath: where the videos go' {
        BeforeEach {
            $script:out = Join-Path ([System.IO.Path]::GetTempPath()) ('seedance-pester-out-' + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $out | Out-Null
        }

        AfterEach {
            Remove-Item -Path $out -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'refuses a second prompt aimed at one -OutFile before submitting it' {
            $before = (Get-SandboxPost).Count
            $files = 'a first fox', 'a second fox' | New-SeedanceVideo -Wait -OutFile (Join-Path $out 'a.mp4') -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
            $files | Should -HaveCount 1
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.InvalidParameter*'
            $problems[0].Exception.Message | Should -Match 'not sent'
            (Get-SandboxPost).Count | Should -Be ($before + 1)
        }

        It 'saves several prompts into an -OutFile with no extension as a folder it creates' {
            $files = 'a red fox', 'a grey fox' | New-SeedanceVideo -Wait -OutFile (Join-Path $out 'clips') -ApiKey $key
            $files | Should -HaveCount 2
            Test-Path -Path (Join-Path $out 'clips') -PathType Container | Should -BeTrue
        }

        It 'refuses an -OutFile that already exists, naming -Force, before paying' {
            $target = Join-Path $out 'mine.mp4'
            [System.IO.File]::WriteAllText($target, 'twenty bytes of mine')
            $before = (Get-SandboxPost).Count
            New-SeedanceVideo 'a fox' -Wait -OutFile $target -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.FileExists*'
            $problems[0].Exception.Message | Should -Match '-Force'
            (Get-SandboxPost).Count | Should -Be $before
            [System.IO.File]::ReadAllText($target) | Should -Be 'twenty bytes of mine'
            (New-SeedanceVideo 'a fox' -Wait -OutFile $target -Force -ApiKey $key).Length | Should -BeGreaterThan 20
        }

        It 'creates no folder and sends nothing under -WhatIf' {
            $before = (Get-SandboxPost).Count
            New-SeedanceVideo 'a fox' -OutputPath (Join-Path $out 'later') -ApiKey $key -WhatIf
            Test-Path -Path (Join-Path $out 'later') | Should -BeFalse
            (Get-SandboxPost).Count | Should -Be $before
        }

        It 'refuses an -OutputPath where a file stands before paying' {
            Set-Content -Path (Join-Path $out 'videos') -Value 'my notes'
            $before = (Get-SandboxPost).Count
            New-SeedanceVideo 'a fox' -OutputPath (Join-Path $out 'videos') -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.PathNotUsable*'
            (Get-SandboxPost).Count | Should -Be $before
        }
    }
}
