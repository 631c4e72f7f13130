// Defaults of the mock: app credentials and the seed interview. No dependencies, so the CLI can print them fast.

/** The app credentials the mock accepts when none are configured. */
export const DEFAULT_APPS = Object.freeze([Object.freeze({ appId: 'cli_mock_app', appSecret: 'mock_app_secret' })]);

/** The interview the mock holds when no seed is given (the source page's example). */
export const DEFAULT_INTERVIEWS = Object.freeze([
  Object.freeze({
    id: '6960663240925956660',
    external_application_id: '6960663240925956437',
    participate_status: 1,
    begin_time: 1618500278638,
    end_time: 1618500278639,
    interview_assessments: [
      {
        username: '张三',
        conclusion: 1,
        assessment_dimension_list: [
          {
            score: 99,
            option: '选项1',
            options: ['选项1'],
            content: '测试内容',
            assessment_type: 1,
            title: '心理测试',
            description: '心理测试描述',
          },
        ],
        content: '面试内容结果补充',
      },
    ],
  }),
]);
