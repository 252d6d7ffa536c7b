package demo;

@Credentials(apiKey = "{{API_KEY_1}}")
class Job {
}
