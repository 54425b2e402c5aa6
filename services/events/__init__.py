"""Events (讲堂, 培训, 座谈会, 宣讲会, 法治讲座): what was held, who came, with on-site sign-in by QR code."""
